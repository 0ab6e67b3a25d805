package dev.llmos.actions.systemd;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.llmos.action.Action;
import dev.llmos.action.ActionContext;
import dev.llmos.action.ActionException;
import dev.llmos.action.Risk;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Optional;

/**
 * {@code service.restart}: stops and starts a unit (starts it when it was not running). there is
 * no inverse: a restart cannot be taken back.
 */
public final class ServiceRestartAction implements Action<ServiceRestartAction.Params> {
    /**
     * params of {@code service.restart}.
     *
     * @param unit the unit; a bare name means {@code NAME.service}
     * @param user true for a unit of the caller's own user service manager
     */
    public record Params(
            @NotNull @Size(max = UnitNames.MAX) @Pattern(regexp = UnitNames.PATTERN)
            @JsonPropertyDescription("the unit, like nginx, ssh.service or getty@tty2.service; a name without a type "
                    + "means NAME.service") String unit,
            @JsonProperty(defaultValue = "false")
            @JsonPropertyDescription("a unit of your own user service manager (systemctl --user) instead of the "
                    + "system's") Boolean user) {
    }

    /**
     * what the restart did.
     *
     * @param unit the unit's full name
     * @param previousPid the main process before, null when none ran
     * @param status the state afterwards
     */
    public record Restarted(String unit, Long previousPid, UnitStatus status) {
    }

    @Override
    public String name() {
        return "service.restart";
    }

    @Override
    public String description() {
        return "restart a systemd service (stop it, then start it again; starts it if it was not running)";
    }

    @Override
    public List<String> examples() {
        return List.of(
                "restart nginx",
                "restart the ssh service",
                "systemctl restart docker",
                "bounce the postgres service",
                "the web server is stuck, restart apache2",
                "restart the networking service",
                "give cron a restart",
                "restart php-fpm after changing its configuration");
    }

    @Override
    public Risk risk() {
        return Risk.SYSTEM;
    }

    @Override
    public Optional<UnitChangeAction.Preview> preview(Params params, ActionContext context) throws ActionException {
        String unit = UnitNames.normalize(params.unit(), UnitNames.Template.REFUSE);
        Manager manager = Manager.of(context, params.user());
        UnitStatus status = manager.status(unit, name());
        if (status.notFound()) {
            return Optional.of(new UnitChangeAction.Preview("restart " + unit + ": no such unit in " + manager.label(), status));
        }
        return Optional.of(new UnitChangeAction.Preview("restart " + unit + " (" + status.activeState() + " now; this cannot be "
                + "undone) in " + manager.label(), status));
    }

    @Override
    public Restarted execute(Params params, ActionContext context) throws ActionException {
        String unit = UnitNames.normalize(params.unit(), UnitNames.Template.REFUSE);
        Manager manager = Manager.of(context, params.user());
        UnitStatus before = manager.status(unit, name());
        if (before.notFound()) {
            throw new ActionException("no such unit: " + unit + " (" + manager.label() + " has no unit file or unit by "
                    + "that name)");
        }
        context.progress("restarting " + unit, null);
        Command.Result result = manager.run(List.of("restart", "--", unit), Manager.CHANGE);
        if (!result.ok()) {
            throw SystemdErrors.systemctl("restarting " + unit, name(), unit, manager, context, result);
        }
        return new Restarted(unit, before.mainPid(), manager.status(unit, name()));
    }
}
