package dev.llmos.actions.desktop.backend;

import dev.llmos.action.ActionException;
import dev.llmos.action.Programs;
import dev.llmos.actions.desktop.x11.X11Backend;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * picks the backend for the caller's graphical session from the variables the daemon read from
 * the calling process ({@code DISPLAY}, {@code XAUTHORITY}, {@code WAYLAND_DISPLAY},
 * {@code XDG_SESSION_TYPE}): x11 when a display is named, a clear refusal otherwise. nothing is
 * taken from this process's own environment.
 */
public final class SessionDetector {
    /** {@code [host]:display[.screen]}, e.g. {@code :0}, {@code :1.0}, {@code localhost:10.0}, {@code unix:0}. */
    private static final Pattern DISPLAY = Pattern.compile("^[A-Za-z0-9._-]{0,253}:\\d{1,5}(\\.\\d{1,3})?$");
    private static final int MAX_PATH = 4096;

    private final Function<String, Optional<Path>> lookup;

    /** the detector the actions use: tools are found in {@link Programs#SEARCH_PATH}. */
    public SessionDetector() {
        this(ToolRunner.standardLookup());
    }

    /** a detector whose backends find their tools with {@code lookup}. */
    public SessionDetector(Function<String, Optional<Path>> lookup) {
        this.lookup = lookup;
    }

    /** the backend for {@code session}, or an error saying what is missing. */
    public DesktopBackend open(Map<String, String> session) throws ActionException {
        String display = value(session, "DISPLAY");
        String wayland = value(session, "WAYLAND_DISPLAY");
        String type = value(session, "XDG_SESSION_TYPE");
        boolean waylandSession = wayland != null || "wayland".equalsIgnoreCase(type);
        if (display == null) {
            if (waylandSession) {
                throw new ActionException("wayland sessions are not supported yet (no backend): the calling process "
                        + "has " + (wayland != null ? "WAYLAND_DISPLAY=" + wayland : "XDG_SESSION_TYPE=wayland")
                        + " and no DISPLAY (xwayland would provide one)");
            }
            throw new ActionException("no graphical session: DISPLAY is not set in the calling process's environment"
                    + (type != null ? " (its session type is " + type.toLowerCase(Locale.ROOT) + ")" : "")
                    + "; run the request from a terminal inside the desktop session");
        }
        if (!DISPLAY.matcher(display).matches()) {
            throw new ActionException("DISPLAY=" + display + " is not an x display name (expected [host]:number"
                    + "[.screen], e.g. :0)");
        }
        String xauthority = value(session, "XAUTHORITY");
        if (xauthority != null && (!xauthority.startsWith("/") || xauthority.length() > MAX_PATH
                || xauthority.indexOf('\0') >= 0)) {
            throw new ActionException("XAUTHORITY=" + xauthority + " is not an absolute path");
        }
        String home = System.getProperty("user.home", "/");
        Map<String, String> env = new HashMap<>();
        env.put("DISPLAY", display);
        if (xauthority != null) {
            env.put("XAUTHORITY", xauthority);
        }
        env.put("HOME", home);
        env.put("PATH", Programs.SEARCH_PATH);
        env.put("LC_ALL", "C.UTF-8");
        return new X11Backend(display, xauthority, home, waylandSession ? "xwayland" : "x11",
                new ToolRunner(lookup, env));
    }

    private static String value(Map<String, String> session, String name) {
        String value = session.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }
}
