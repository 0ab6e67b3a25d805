package dev.llmos.shell.render;

import java.time.Instant;
import java.time.ZoneId;

/**
 * how to lay values out.
 *
 * @param width the columns available, 0 for no limit (output to a file or a pipe)
 * @param now the instant ages are measured from
 * @param zone the zone times are shown in
 */
public record Layout(int width, Instant now, ZoneId zone) {
    /** the terminal's width, now, in the system's zone (looked up only when a time is shown). */
    public static Layout of(int width) {
        return new Layout(width, Instant.now(), null);
    }

    public ZoneId zoneOrDefault() {
        return zone == null ? ZoneId.systemDefault() : zone;
    }
}
