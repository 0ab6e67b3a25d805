package dev.llmos.actions.systemd;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.llmos.action.Action;
import dev.llmos.action.ActionContext;
import dev.llmos.action.ActionException;
import dev.llmos.action.Risk;
import dev.llmos.posix.Posix;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code logs.query}: the newest journal entries matching a unit, a priority, a time window, a
 * pattern, a boot and the kernel's transport ({@code journalctl --output=json}), oldest first, each
 * as time, unit, priority, pid and message.
 */
public final class LogsQueryAction implements Action<LogsQueryAction.Params> {
    private static final String LEVEL = "(emerg|emergency|panic|alert|crit|critical|err|error|warning|warn|notice|info"
            + "|debug|[0-7])";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int MAX_OUTPUT = 32 << 20;
    /** the oldest boot one can ask for, counted back from the running one. */
    static final int MIN_BOOT = -1000;
    private static final String NO_JOURNAL = "there are no journal files on this machine (journald is not running or "
            + "keeps no logs), so no entries can be shown";

    /**
     * params of {@code logs.query}.
     *
     * @param unit only entries of this unit
     * @param priority the least severe priority shown, or a range
     * @param since only entries at or after this time
     * @param until only entries at or before this time
     * @param grep only entries whose message matches this regular expression
     * @param limit at most this many entries, the newest
     * @param user true when {@code unit} is a unit of the caller's user service manager
     * @param boot only entries of this boot: 0 the current one, -1 the previous one, and so on
     * @param kernel only the kernel's messages ({@code --dmesg}), of this boot unless {@code boot}
     *     names another
     */
    public record Params(
            @Size(max = UnitNames.MAX) @Pattern(regexp = UnitNames.PATTERN)
            @JsonPropertyDescription("only entries of this unit, like nginx or cron.service; a name without a type "
                    + "means NAME.service") String unit,
            @Size(max = 32) @Pattern(regexp = "^" + LEVEL + "(\\.\\." + LEVEL + ")?$")
            @JsonPropertyDescription("only entries this severe or worse: emerg, alert, crit, err, warning, notice, "
                    + "info, debug (or 0-7); a range like warning..err also works") String priority,
            @Size(max = 64) @Pattern(regexp = "^[A-Za-z0-9@ :.+-]{1,64}$")
            @JsonPropertyDescription("only entries since this time: '1 hour ago', '-30min', 'today', 'yesterday', "
                    + "'2024-05-01 10:00:00' or '@UNIX_SECONDS'") String since,
            @Size(max = 64) @Pattern(regexp = "^[A-Za-z0-9@ :.+-]{1,64}$")
            @JsonPropertyDescription("only entries until this time, in the same forms as since") String until,
            @Size(max = 256) @Pattern(regexp = "^[^\\x00-\\x1f\\x7f]{1,256}$")
            @JsonPropertyDescription("only entries whose message matches this regular expression (pcre2; "
                    + "case-insensitive when all lowercase)") String grep,
            @JsonProperty(defaultValue = "100") @Min(1) @Max(1000)
            @JsonPropertyDescription("at most this many entries: the newest ones, shown oldest first") Integer limit,
            @JsonProperty(defaultValue = "false")
            @JsonPropertyDescription("the unit belongs to your own user service manager (systemctl --user)")
            Boolean user,
            @Min(MIN_BOOT) @Max(0)
            @JsonPropertyDescription("only entries of one boot, counted back from the running one: 0 this boot, "
                    + "-1 the previous boot, -2 the one before (journalctl -b); earlier boots are there only when "
                    + "the journal is kept on disk") Integer boot,
            @JsonProperty(defaultValue = "false")
            @JsonPropertyDescription("only the kernel's messages, like dmesg (journalctl -k); of this boot unless "
                    + "boot names another") Boolean kernel) {
    }

    /**
     * what the journal holds.
     *
     * @param entries the entries, oldest first
     * @param count how many
     * @param limitReached true when there were at least {@code limit}: older ones may exist
     * @param note what limited the view (e.g. only the caller's own entries were readable); null
     */
    public record Logs(List<Journal.Entry> entries, int count, boolean limitReached, String note) {
    }

    @Override
    public String name() {
        return "logs.query";
    }

    @Override
    public String description() {
        return "search the systemd journal: entries of a unit, a priority, a time window, a boot or a pattern, or the "
                + "kernel's messages, newest last";
    }

    @Override
    public List<String> examples() {
        return List.of(
                "show me the errors from the last hour",
                "why did cron fail",
                "journalctl -u nginx",
                "show the logs of ssh",
                "recent warnings in the system log",
                "what did docker log today",
                "find 'out of memory' in the journal",
                "last 50 log lines of apache2",
                "postgresql logs since yesterday",
                "any critical errors since this morning?",
                "the journal of a service since the last boot",
                "show the log messages of this boot",
                "what was logged during the previous boot",
                "errors from the boot before this one",
                "kernel messages since boot",
                "dmesg",
                "print the ring buffer of the kernel",
                "what did the kernel say during the last boot");
    }

    @Override
    public Risk risk() {
        return Risk.READ;
    }

    /**
     * the argv of journalctl for {@code params}; every value is one {@code --option=value} element.
     * {@code thisBoot} is the id of the running boot as the journal knows it (null: unknown), which
     * stands for boot 0, explicit or implied by {@code kernel}.
     */
    static List<String> argv(String journalctl, Params params, String thisBoot) throws ActionException {
        List<String> argv = new ArrayList<>(List.of(journalctl, "--no-pager", "--output=json", "--all",
                "--output-fields=" + Journal.FIELDS, "--lines=" + params.limit()));
        if (params.unit() != null) {
            String unit = UnitNames.normalize(params.unit(), UnitNames.Template.ALLOW);
            argv.add((Boolean.TRUE.equals(params.user()) ? "--user-unit=" : "--unit=") + unit);
        }
        if (params.priority() != null) {
            argv.add("--priority=" + Journal.normalizePriority(params.priority()));
        }
        if (params.since() != null) {
            argv.add("--since=" + params.since());
        }
        if (params.until() != null) {
            argv.add("--until=" + params.until());
        }
        if (params.grep() != null) {
            argv.add("--grep=" + params.grep());
        }
        if (thisBoot != null && meansThisBoot(params)) {
            argv.add("--boot=" + thisBoot);
        } else if (params.boot() != null) {
            argv.add("--boot=" + params.boot());
        }
        if (Boolean.TRUE.equals(params.kernel())) {
            argv.add("--dmesg");
        }
        return argv;
    }

    @Override
    public Logs execute(Params params, ActionContext context) throws ActionException {
        List<String> argv = argv(Command.program("journalctl"), params, meansThisBoot(params) ? newestBoot(context) : null);
        Command.Result result = Command.run(argv, Command.baseEnvironment(), TIMEOUT, MAX_OUTPUT, context);
        String err = result.err();
        String note = null;
        if (err.contains("not seeing messages from other users and the system")) {
            note = "only your own entries are shown: the system journal needs root, or membership of the adm or "
                    + "systemd-journal group";
        }
        if (err.contains(Journal.NO_FILES)) {
            return new Logs(List.of(), 0, false, NO_JOURNAL);
        }
        if (err.contains(Journal.NO_BOOT)) {
            // json output leaves out the missing files: journalctl then only says the boot is missing
            return new Logs(List.of(), 0, false, !Journal.filesExist() ? NO_JOURNAL
                    : Journal.missingBoot(params.boot() == null ? 0 : params.boot(), listBoots(context)));
        }
        if (!result.ok()) {
            if (err.isBlank() && result.out().isBlank()) {
                // journalctl exits 1 without a word when --grep matched nothing
                return new Logs(List.of(), 0, false, null);
            }
            throw failure(params, context, result);
        }
        List<Journal.Entry> entries = Journal.parse(result.out());
        if (entries.isEmpty() && note == null && !Journal.filesExist()) {
            // an empty answer must not read as "nothing went wrong": say that there is nothing to ask
            note = NO_JOURNAL;
        }
        return new Logs(entries, entries.size(), entries.size() >= params.limit(), note);
    }

    /** whether {@code params} ask for the running boot: boot 0, or the kernel's messages without a boot. */
    static boolean meansThisBoot(Params params) {
        return params.boot() == null ? Boolean.TRUE.equals(params.kernel()) : params.boot() == 0;
    }

    /**
     * the boot of the journal's newest entry: the running one. journalctl's own "this boot" is the
     * boot id in /proc, which a sandboxed service in a container may see as the host's
     * (systemd-nspawn mounts the container's boot id over it, and {@code ProtectKernelTunables=}
     * mounts {@code /proc/sys} again without it); null when the journal has no entry.
     */
    private static String newestBoot(ActionContext context) throws ActionException {
        Command.Result newest = journalctl(context, "--lines=1", "--output=json", "--output-fields=_BOOT_ID");
        return newest.ok() ? Journal.bootId(newest.out()) : null;
    }

    /** the boots the journal keeps ({@code journalctl --list-boots --output=json}); blank when that fails. */
    private static String listBoots(ActionContext context) throws ActionException {
        Command.Result boots = journalctl(context, "--list-boots", "--output=json");
        return boots.ok() ? boots.out() : "";
    }

    /** journalctl with {@code options} after {@code --no-pager}, run as the query itself is. */
    private static Command.Result journalctl(ActionContext context, String... options) throws ActionException {
        List<String> argv = new ArrayList<>(List.of(Command.program("journalctl"), "--no-pager"));
        argv.addAll(List.of(options));
        return Command.run(argv, Command.baseEnvironment(), TIMEOUT, MAX_OUTPUT, context);
    }

    ActionException failure(Params params, ActionContext context, Command.Result result) {
        String err = result.err();
        if (err.contains("Failed to parse timestamp")) {
            String which = err.contains(String.valueOf(params.until())) && params.until() != null
                    && !err.contains(String.valueOf(params.since())) ? "until" : "since";
            return new ActionException("cannot read " + which + " as a time: " + SystemdErrors.lowerFirst(result.firstError())
                    + "; use forms like '1 hour ago', '-30min', 'today', 'yesterday' or '2024-05-01 10:00:00'",
                    result.exit(), err);
        }
        if (err.contains("Bad pattern")) {
            return new ActionException("invalid grep pattern (a pcre2 regular expression): "
                    + SystemdErrors.lowerFirst(result.firstError()), result.exit(), err);
        }
        if (SystemdErrors.denied(err)) {
            int uid = Posix.getuid();
            return new ActionException("permission denied: reading the system journal needs root, or membership of "
                    + "the adm or systemd-journal group, and this ran as uid " + uid + " (" + context.caller().user()
                    + "); a policy rule with run_as = \"root\" can grant " + name(), result.exit(), err);
        }
        return new ActionException("reading the journal failed: " + SystemdErrors.lowerFirst(result.firstError()),
                result.exit(), err);
    }
}
