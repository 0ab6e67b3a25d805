package dev.llmos.actions.systemd;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.llmos.action.Action;
import dev.llmos.action.ActionContext;
import dev.llmos.action.ActionException;
import dev.llmos.action.Risk;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code service.list}: the units of one type (services by default) that the manager has loaded
 * or has unit files for, with their states; filtered by a state and a name pattern.
 */
public final class ServiceListAction implements Action<ServiceListAction.Params> {
    /** which units to list. */
    public enum Type {
        SERVICE, SOCKET, TIMER, TARGET, MOUNT, AUTOMOUNT, PATH, SWAP, SLICE, SCOPE, DEVICE, ALL
    }

    /**
     * params of {@code service.list}.
     *
     * @param state only units with this load, active, sub or unit-file state
     * @param pattern a glob over unit names, or a substring without glob characters
     * @param type which unit type
     * @param user true for the caller's own user service manager
     * @param limit at most this many units
     */
    public record Params(
            @Size(max = 32) @Pattern(regexp = "^[a-z][a-z-]{0,31}$")
            @JsonPropertyDescription("only units in this state: running, exited, failed, active, inactive, enabled, "
                    + "disabled, static, masked, not-found, ...") String state,
            @Size(max = UnitNames.MAX) @Pattern(regexp = "^[A-Za-z0-9:_.\\\\@*?\\[\\]][A-Za-z0-9:_.\\\\@*?\\[\\]-]{0,255}$")
            @JsonPropertyDescription("unit names to list: a glob like ssh* or *.timer, or without * and ? a part of "
                    + "the name (case-insensitive)") String pattern,
            @JsonProperty(defaultValue = "service")
            @JsonPropertyDescription("the unit type to list; all for every type") Type type,
            @JsonProperty(defaultValue = "false")
            @JsonPropertyDescription("list your own user service manager's units (systemctl --user) instead of the "
                    + "system's") Boolean user,
            @JsonProperty(defaultValue = "200") @Min(1) @Max(1000)
            @JsonPropertyDescription("at most this many units") Integer limit) {
    }

    /**
     * the units found.
     *
     * @param units the units, sorted by name
     * @param total how many matched, before the limit
     * @param truncated true when more matched than the limit allowed
     */
    public record Units(List<UnitList.Unit> units, int total, boolean truncated) {
    }

    @Override
    public String name() {
        return "service.list";
    }

    @Override
    public String description() {
        return "list systemd services (or timers, sockets, all units) with their active, sub and enabled states";
    }

    @Override
    public List<String> examples() {
        return List.of(
                "list services",
                "show all running services",
                "which services failed",
                "systemctl list-units",
                "what services are enabled at boot",
                "show me the systemd timers",
                "list the timers",
                "which daemons are running right now",
                "list the services with ssh in their name",
                "are there any failed units",
                "list all the unit files",
                "which targets are active",
                "show every unit of every type",
                "list the sockets systemd listens on");
    }

    @Override
    public Risk risk() {
        return Risk.READ;
    }

    @Override
    public Units execute(Params params, ActionContext context) throws ActionException {
        if (params.pattern() != null && params.pattern().startsWith("-")) {
            throw new ActionException("invalid pattern '" + params.pattern() + "': it must not start with '-'");
        }
        Manager manager = Manager.of(context, params.user());
        List<String> typeArg = params.type() == Type.ALL ? List.of() : List.of("--type=" + params.type().name().toLowerCase(java.util.Locale.ROOT));
        List<String> units = new ArrayList<>(List.of("list-units", "--all", "--output=json"));
        units.addAll(typeArg);
        Command.Result loaded = manager.run(units, Manager.QUERY);
        if (!loaded.ok()) {
            throw SystemdErrors.systemctl("listing units", name(), "", manager, context, loaded);
        }
        List<String> files = new ArrayList<>(List.of("list-unit-files", "--output=json"));
        files.addAll(typeArg);
        Command.Result installed = manager.run(files, Manager.QUERY);
        if (!installed.ok()) {
            throw SystemdErrors.systemctl("listing unit files", name(), "", manager, context, installed);
        }
        List<UnitList.Unit> all;
        try {
            all = UnitList.parse(loaded.out(), installed.out());
        } catch (IOException e) {
            throw new ActionException("systemctl printed something other than the json it was asked for: "
                    + e.getMessage());
        }
        List<UnitList.Unit> matched = all.stream()
                .filter(u -> params.state() == null || u.inState(params.state()))
                .filter(u -> params.pattern() == null || UnitList.matches(params.pattern(), u.unit()))
                .toList();
        int limit = params.limit();
        return new Units(matched.subList(0, Math.min(limit, matched.size())), matched.size(), matched.size() > limit);
    }
}
