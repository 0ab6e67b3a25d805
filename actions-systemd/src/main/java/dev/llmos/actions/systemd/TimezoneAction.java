package dev.llmos.actions.systemd;

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
 * {@code sys.timezone}: sets the system time zone through systemd-timedated ({@code timedatectl
 * set-timezone}), which points /etc/localtime at the zone. the name must be installed under
 * /usr/share/zoneinfo; a name differing only in case is taken in its installed spelling. the
 * inverse sets the previous zone back.
 */
public final class TimezoneAction implements Action<TimezoneAction.Params> {
    /**
     * params of {@code sys.timezone}.
     *
     * @param timezone the zone, e.g. {@code Europe/Paris}
     * @param expectCurrent the zone the system must have now, else nothing is done (set by undo)
     */
    public record Params(
            @NotNull @Size(max = 64) @Pattern(regexp = Zones.PATTERN)
            @JsonPropertyDescription("the time zone from the tz database, like Europe/Paris, America/New_York, "
                    + "Asia/Tokyo or UTC") String timezone,
            @Size(max = 64) @Pattern(regexp = Zones.PATTERN)
            @JsonPropertyDescription("refuse, changing nothing, unless the time zone is this now; undo sets it")
            String expectCurrent) {
    }

    /**
     * what changed.
     *
     * @param before the zone before, null when none was set
     * @param after the zone now
     * @param changed false when it already was that zone
     */
    public record Changed(String before, String after, boolean changed) {
    }

    /**
     * what would change.
     *
     * @param summary one line
     * @param current the zone now
     */
    public record Preview(String summary, String current) {
    }

    @Override
    public String name() {
        return "sys.timezone";
    }

    @Override
    public String description() {
        return "set the system time zone (a tz database name like Europe/Paris or UTC)";
    }

    @Override
    public List<String> examples() {
        return List.of(
                "set the timezone to Europe/Paris",
                "change the time zone to America/New_York",
                "timedatectl set-timezone UTC",
                "switch the clock to Tokyo time",
                "I moved to Berlin, update the timezone",
                "use UTC as the system timezone",
                "set tz to Asia/Kolkata",
                "the time zone should be Australia/Sydney");
    }

    /** undoable: the previous time zone is set back. */
    @Override
    public boolean undoable(Params params) {
        return true;
    }

    @Override
    public Risk risk() {
        return Risk.SYSTEM;
    }

    @Override
    public Optional<Preview> preview(Params params, ActionContext context) throws ActionException {
        String zone = Zones.resolve(Zones.zoneinfo(), params.timezone());
        String current = Settings.timezone(name(), context);
        return Optional.of(new Preview("set the time zone from " + current + " to " + zone, current));
    }

    @Override
    public Changed execute(Params params, ActionContext context) throws ActionException {
        String zone = Zones.resolve(Zones.zoneinfo(), params.timezone());
        String before = Settings.timezone(name(), context);
        if (params.expectCurrent() != null && !params.expectCurrent().equals(before)) {
            throw new ActionException("changed since: the time zone is " + before + " now, not "
                    + params.expectCurrent() + " as the earlier change left it; nothing was changed");
        }
        if (zone.equals(before)) {
            return new Changed(before, zone, false);
        }
        Settings.run("timedatectl", List.of("set-timezone", "--", zone), "setting the time zone to " + zone, name(),
                context);
        String after = Settings.timezone(name(), context);
        if (before != null && before.matches(Zones.PATTERN) && Zones.isZone(Zones.zoneinfo().resolve(before))) {
            context.undoWith(name(), new Params(before, after));
        }
        return new Changed(before, after, true);
    }
}
