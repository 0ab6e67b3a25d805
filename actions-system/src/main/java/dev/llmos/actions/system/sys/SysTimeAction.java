package dev.llmos.actions.system.sys;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.llmos.action.Action;
import dev.llmos.action.ActionContext;
import dev.llmos.action.ActionException;
import dev.llmos.action.Risk;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.time.temporal.IsoFields;
import java.util.List;
import java.util.Locale;

/**
 * {@code sys.time}: the current date and time, in the machine's time zone (from /etc/localtime, as the
 * system's programs see it, not the daemon's own {@code TZ}), in utc, and in another zone when asked.
 */
public final class SysTimeAction implements Action<SysTimeAction.Params> {
    private static final String ZONEINFO = "/usr/share/zoneinfo/";

    private final Clock clock;
    private final Path localtime;

    /**
     * params of {@code sys.time}.
     *
     * @param zone a tz database zone to show the time in as well
     */
    public record Params(
            @Size(max = 64) @Pattern(regexp = "^[A-Za-z0-9_+-]+(/[A-Za-z0-9_+-]+){0,3}$")
            @JsonPropertyDescription("also show the time in this zone of the tz database, like Europe/Paris, UTC or CET")
            String zone) {
    }

    /**
     * a time in one zone.
     *
     * @param local the date and time with its utc offset, iso 8601
     * @param weekday e.g. {@code Monday}
     * @param isoWeek the iso 8601 week number
     */
    public record Local(String zone, String local, String offset, String weekday, int isoWeek) {
    }

    /**
     * now.
     *
     * @param unixSeconds seconds since the unix epoch
     * @param system the time in the machine's own zone
     * @param asked the time in the zone asked for, or null
     */
    public record Now(String utc, long unixSeconds, Local system, Local asked) {
    }

    public SysTimeAction() {
        this(Clock.systemUTC(), Path.of("/etc/localtime"));
    }

    SysTimeAction(Clock clock, Path localtime) {
        this.clock = clock;
        this.localtime = localtime;
    }

    @Override
    public String name() {
        return "sys.time";
    }

    @Override
    public String description() {
        return "show the current date and time, the day of the week and the machine's time zone (and the time in "
                + "another zone)";
    }

    @Override
    public List<String> examples() {
        return List.of(
                "what time is it",
                "what's the date today",
                "show the current date and time",
                "which time zone is this machine in",
                "what day of the week is it",
                "date",
                "current unix timestamp",
                "what time is it in utc",
                "show the time in Asia/Tokyo",
                "what's today's date and week number",
                "what year is it",
                "which month is it",
                "print today's date in iso 8601 format",
                "the number of seconds since the epoch",
                "today's date in a form fit for a file name");
    }

    @Override
    public Risk risk() {
        return Risk.READ;
    }

    @Override
    public Now execute(Params params, ActionContext context) throws ActionException {
        Instant now = clock.instant();
        Local asked = null;
        if (params.zone() != null) {
            try {
                asked = local(now, ZoneId.of(params.zone()));
            } catch (DateTimeException e) {
                throw new ActionException("unknown time zone: " + params.zone() + " (a tz database name like "
                        + "Europe/Paris, or UTC)");
            }
        }
        return new Now(DateTimeFormatter.ISO_INSTANT.format(now), now.getEpochSecond(), local(now, systemZone()),
                asked);
    }

    /** the zone /etc/localtime names (a link into the zoneinfo tree), or utc when it names none. */
    ZoneId systemZone() {
        try {
            String target = Files.readSymbolicLink(localtime).toString();
            int at = target.indexOf(ZONEINFO);
            if (at >= 0) {
                return ZoneId.of(target.substring(at + ZONEINFO.length()));
            }
        } catch (IOException | UnsupportedOperationException | DateTimeException e) {
            // not a link into the zoneinfo tree (a copied file, or none): the zone has no name here
        }
        return ZoneId.of("UTC");
    }

    private static Local local(Instant now, ZoneId zone) {
        ZonedDateTime time = now.atZone(zone);
        return new Local(zone.getId(), time.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME), time.getOffset().getId(),
                time.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH),
                time.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }
}
