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

/**
 * {@code service.status}: one unit's state: whether it is loaded, active and enabled, its main
 * process, since when, and how its last run ended.
 */
public final class ServiceStatusAction implements Action<ServiceStatusAction.Params> {
    /**
     * params of {@code service.status}.
     *
     * @param unit the unit; a bare name means {@code NAME.service}
     * @param user true for a unit of the caller's own user service manager
     */
    public record Params(
            @NotNull @Size(max = UnitNames.MAX) @Pattern(regexp = UnitNames.PATTERN)
            @JsonPropertyDescription("the unit, like nginx, ssh.service or cron.timer; a name without a type means "
                    + "NAME.service") String unit,
            @JsonProperty(defaultValue = "false")
            @JsonPropertyDescription("a unit of your own user service manager (systemctl --user) instead of the "
                    + "system's") Boolean user) {
    }

    @Override
    public String name() {
        return "service.status";
    }

    @Override
    public String description() {
        return "show whether a systemd service is running and enabled, its main pid, since when, and how it last ended";
    }

    @Override
    public List<String> examples() {
        return List.of(
                "is ssh running",
                "status of nginx",
                "systemctl status docker",
                "is the cron service up?",
                "check whether postgresql is active",
                "did apache2 start ok",
                "did cron fail?",
                "is nginx enabled at boot",
                "what's the pid of sshd",
                "since when has mysql been running",
                "show information about a service",
                "show the runtime status of a unit");
    }

    @Override
    public Risk risk() {
        return Risk.READ;
    }

    @Override
    public UnitStatus execute(Params params, ActionContext context) throws ActionException {
        String unit = UnitNames.normalize(params.unit(), UnitNames.Template.ALLOW);
        return Manager.of(context, params.user()).status(unit, name());
    }
}
