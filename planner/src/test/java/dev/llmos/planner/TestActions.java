package dev.llmos.planner;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.llmos.action.Action;
import dev.llmos.action.ActionContext;
import dev.llmos.action.PathParam;
import dev.llmos.action.Risk;
import dev.llmos.catalog.ActionCatalog;
import dev.llmos.catalog.CatalogEntry;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;

/**
 * actions of families that do not exist yet, declared here the way a plug-in would: they show that a
 * new action is routable and its params found from its declaration alone. never executed.
 */
final class TestActions {
    /** params of {@code service.restart}. */
    record UnitParams(@NotNull @Size(max = 256) @JsonPropertyDescription("the systemd unit") String unit) {
    }

    /** params of {@code pkg.install}. */
    record NameParams(@NotNull @Size(max = 128) @JsonPropertyDescription("the package name") String name) {
    }

    /** params of {@code fs.copy}. */
    record CopyParams(@NotNull @PathParam @Size(max = 4096) String source,
            @NotNull @PathParam @Size(max = 4096) String destination,
            @JsonProperty(defaultValue = "false") Boolean recursive) {
    }

    /** params of {@code logs.query}. */
    record LogParams(@Size(max = 256) String unit, @Min(1) @Max(10000) @JsonProperty(defaultValue = "100") Integer limit) {
    }

    /** a point on the screen. */
    record Point(@NotNull Integer x, @NotNull Integer y) {
    }

    /** params of {@code input.drag}: the same record twice, so the schema has definitions. */
    record DragParams(@NotNull Point from, @NotNull Point to, String label) {
    }

    /** params of {@code input.type}. */
    record TypeParams(@NotNull @Size(min = 1, max = 4096) String text) {
    }

    /** params of {@code input.click}. */
    record ClickParams(@Min(0) Integer x, @Min(0) Integer y, @JsonProperty(defaultValue = "1") Integer button) {
    }

    /** params of {@code proc.signal}. */
    record SignalParams(@NotNull @Min(2) Integer pid, @JsonProperty(defaultValue = "0") Integer startTime) {
    }

    /** params of {@code sys.timezone}. */
    record ZoneParams(@NotNull @Size(max = 64) @Pattern(regexp = "^[A-Za-z0-9_+-]+(/[A-Za-z0-9_+-]+){0,3}$") String timezone) {
    }

    /** params of {@code logs.search}: a time phrase and a pattern-checked priority. */
    record JournalParams(@Size(max = 64) String since,
            @Size(max = 32) @Pattern(regexp = "^(emerg|alert|crit|err|error|warning|notice|info|debug|[0-7])$") String priority,
            @Size(max = 256) String unit) {
    }

    static final Action<TypeParams> INPUT_TYPE = action("input.type", "type text into the focused window",
            List.of("type hello world"), Risk.WRITE, TypeParams.class);
    static final Action<ClickParams> INPUT_CLICK = action("input.click", "click a mouse button",
            List.of("click at 200,300"), Risk.WRITE, ClickParams.class);
    static final Action<SignalParams> PROC_SIGNAL = action("proc.signal", "send a signal to a process",
            List.of("kill process 1234"), Risk.DESTRUCTIVE, SignalParams.class);
    static final Action<ZoneParams> SYS_TIMEZONE = action("sys.timezone", "set the time zone",
            List.of("set the timezone to Europe/Paris"), Risk.SYSTEM, ZoneParams.class);
    static final Action<JournalParams> LOGS_SEARCH = action("logs.search", "search the journal by time and severity",
            List.of("show me the errors from the last hour"), Risk.READ, JournalParams.class);

    static final Action<UnitParams> SERVICE_RESTART = action("service.restart", "restart a systemd service",
            List.of("restart nginx", "restart the web server", "bounce the ssh daemon", "please restart docker",
                    "the database service needs a restart", "systemctl restart cron"),
            Risk.SYSTEM, UnitParams.class);
    static final Action<NameParams> PKG_INSTALL = action("pkg.install", "install a package from the distribution",
            List.of("install htop", "apt install vim", "please install the curl package", "add the git package",
                    "get me ffmpeg", "apt-get install -y jq"),
            Risk.SYSTEM, NameParams.class);
    static final Action<CopyParams> FS_COPY = action("fs.copy", "copy a file or folder to another place",
            List.of("copy report.pdf to my documents", "cp /etc/hosts /tmp/hosts.bak",
                    "duplicate the config folder into /srv/backup", "make a copy of notes.txt in ~/Desktop"),
            Risk.WRITE, CopyParams.class);
    static final Action<LogParams> LOGS_QUERY = action("logs.query", "search the system journal",
            List.of("show the logs of nginx", "journalctl -u ssh", "what did cron log", "last 50 log lines of docker"),
            Risk.READ, LogParams.class);
    static final Action<DragParams> INPUT_DRAG = action("input.drag", "drag the mouse from one point to another",
            List.of("drag from 10,10 to 200,300"), Risk.SYSTEM, DragParams.class);

    private static final ActionCatalog ALL = all();

    private TestActions() {
    }

    private static ActionCatalog all() {
        List<Action<?>> actions = new ArrayList<>(List.of(SERVICE_RESTART, PKG_INSTALL, FS_COPY, LOGS_QUERY, INPUT_DRAG,
                INPUT_TYPE, INPUT_CLICK, PROC_SIGNAL, SYS_TIMEZONE, LOGS_SEARCH));
        system().entries().forEach(entry -> actions.add(entry.action()));
        return ActionCatalog.of(actions);
    }

    /** the discovered actions of actions-system alone (the other families are on the test class path too). */
    static ActionCatalog system() {
        return ActionCatalog.of(ActionCatalog.discover().entries().stream().map(CatalogEntry::action)
                .filter(action -> (action.getClass().getPackageName() + ".").startsWith("dev.llmos.actions.system."))
                .<Action<?>>map(action -> action).toList());
    }

    /** the discovered actions of actions-system plus the test families. */
    static ActionCatalog withSystem() {
        List<Action<?>> actions = new ArrayList<>();
        system().entries().forEach(entry -> actions.add(entry.action()));
        actions.addAll(List.of(SERVICE_RESTART, PKG_INSTALL, FS_COPY, LOGS_QUERY));
        return ActionCatalog.of(actions);
    }

    /** an action of actions-system or of the test families, input.drag included. */
    static CatalogEntry entry(String name) {
        CatalogEntry entry = ALL.find(name);
        if (entry == null) {
            throw new IllegalArgumentException("no test action " + name);
        }
        return entry;
    }

    private static <P extends Record> Action<P> action(String name, String description, List<String> examples,
            Risk risk, Class<P> params) {
        return new Action<>() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String description() {
                return description;
            }

            @Override
            public List<String> examples() {
                return examples;
            }

            @Override
            public Risk risk() {
                return risk;
            }

            @Override
            public Class<P> paramsType() {
                return params;
            }

            @Override
            public Object execute(P p, ActionContext context) {
                throw new UnsupportedOperationException(name + " is a planning fixture");
            }
        };
    }
}
