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
 * what {@code service.start}, {@code service.stop}, {@code service.enable} and
 * {@code service.disable} share: one {@code systemctl VERB -- UNIT}, the unit's state before and
 * after, and, when the state changed, the opposite verb as the inverse. the inverse carries the
 * state this change left ({@code expect_state}) and refuses when the unit is no longer in it.
 */
public abstract sealed class UnitChangeAction implements Action<UnitChangeAction.Params>
        permits ServiceStartAction, ServiceStopAction, ServiceEnableAction, ServiceDisableAction {

    /**
     * params of a unit change.
     *
     * @param unit the unit; a bare name means {@code NAME.service}
     * @param user true for a unit of the caller's own user service manager
     * @param expectState the state the unit must be in now, else nothing is done (set by undo)
     */
    public record Params(
            @NotNull @Size(max = UnitNames.MAX) @Pattern(regexp = UnitNames.PATTERN)
            @JsonPropertyDescription("the unit, like nginx, ssh.service or getty@tty2.service; a name without a type "
                    + "means NAME.service") String unit,
            @JsonProperty(defaultValue = "false")
            @JsonPropertyDescription("a unit of your own user service manager (systemctl --user) instead of the "
                    + "system's") Boolean user,
            @Size(max = 32) @Pattern(regexp = "^[a-z][a-z-]{0,31}$")
            @JsonPropertyDescription("refuse, changing nothing, unless the unit is in this state now (its active state "
                    + "for start and stop, its unit-file state for enable and disable); undo sets it")
            String expectState) {
    }

    /**
     * what the change did.
     *
     * @param unit the unit's full name
     * @param changed false when the unit already was as asked (then there is nothing to undo)
     * @param before the watched state before: the active state, or the unit-file state
     * @param after the same state afterwards
     * @param status the whole state afterwards
     * @param note anything worth knowing, null when there is nothing
     */
    public record Change(String unit, boolean changed, String before, String after, UnitStatus status, String note) {
    }

    /**
     * what the change would do, for the confirmation prompt.
     *
     * @param summary one line: the change and the unit's state now
     * @param status the unit's state now
     */
    public record Preview(String summary, UnitStatus status) {
    }

    /** the verb of systemctl, e.g. {@code start}. */
    abstract String verb();

    /** the gerund for messages, e.g. {@code starting}. */
    abstract String doing();

    /** the action that undoes this one. */
    abstract String inverse();

    /** true when the watched state is the unit-file state (enable, disable), else the active state. */
    abstract boolean watchesUnitFile();

    /** true when a template without instance is a valid target (enable, disable). */
    boolean allowsTemplate() {
        return watchesUnitFile();
    }

    /** undoable: the unit is put back in the state it was in. */
    @Override
    public boolean undoable(Params params) {
        return true;
    }

    @Override
    public final Risk risk() {
        return Risk.SYSTEM;
    }

    private String watched(UnitStatus status) {
        return watchesUnitFile() ? status.enabled() : status.activeState();
    }

    private String unitOf(Params params) throws ActionException {
        return UnitNames.normalize(params.unit(), allowsTemplate() ? UnitNames.Template.ALLOW : UnitNames.Template.REFUSE);
    }

    @Override
    public Optional<Preview> preview(Params params, ActionContext context) throws ActionException {
        String unit = unitOf(params);
        Manager manager = Manager.of(context, params.user());
        UnitStatus status = manager.status(unit, name());
        if (status.notFound()) {
            return Optional.of(new Preview(verb() + " " + unit + ": no such unit in " + manager.label(), status));
        }
        return Optional.of(new Preview(verb() + " " + unit + " (" + describe(status) + " now) in " + manager.label(), status));
    }

    private String describe(UnitStatus status) {
        return watchesUnitFile()
                ? String.valueOf(status.enabled())
                : status.activeState() + (status.subState() == null ? "" : ", " + status.subState());
    }

    @Override
    public Change execute(Params params, ActionContext context) throws ActionException {
        String unit = unitOf(params);
        Manager manager = Manager.of(context, params.user());
        UnitStatus before = manager.status(unit, name());
        if (before.notFound()) {
            throw new ActionException("no such unit: " + unit + " (" + manager.label() + " has no unit file or unit by "
                    + "that name)");
        }
        String was = watched(before);
        if (params.expectState() != null && !params.expectState().equals(was)) {
            throw new ActionException("changed since: " + unit + " is " + was + " now, not " + params.expectState()
                    + " as the earlier change left it; nothing was changed");
        }
        context.progress(doing() + " " + unit, null);
        Command.Result result = manager.run(List.of(verb(), "--", unit), Manager.CHANGE);
        if (!result.ok()) {
            throw SystemdErrors.systemctl(doing() + " " + unit, name(), unit, manager, context, result);
        }
        UnitStatus after = manager.status(unit, name());
        String now = watched(after);
        boolean changed = now != null && !now.equals(was);
        if (changed) {
            context.undoWith(inverse(), new Params(unit, params.user(), now));
        }
        return new Change(unit, changed, was, now, after, note(before, after, result));
    }

    /** what to add to the result, e.g. why enabling changed nothing. */
    String note(UnitStatus before, UnitStatus after, Command.Result result) {
        return null;
    }
}
