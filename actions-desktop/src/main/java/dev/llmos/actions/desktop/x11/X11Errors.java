package dev.llmos.actions.desktop.x11;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * explains why an x client could not use the display, from what xlib printed: no server there,
 * a server that refused the caller's cookie (or got none), a server with no room. only called
 * after a tool failed, so a working display costs nothing extra.
 */
final class X11Errors {
    private static final Pattern OPEN_FAILED = Pattern.compile(
            "(?i)can't open display|cannot open display|unable to open display|failed creating new xdo instance");
    private static final Pattern NO_COOKIE = Pattern.compile(
            "(?i)authorization required|no protocol specified|no authorization protocol");
    private static final Pattern LOCAL = Pattern.compile("^(?:unix)?:(\\d+)(?:\\.\\d+)?$");

    private X11Errors() {
    }

    /**
     * what the caller can do about a failure to open the display, or empty when {@code stderr}
     * shows another kind of failure.
     *
     * @param display the display name used
     * @param xauthority the cookie file named by the session, or null when it named none
     * @param home the caller's home directory, where xlib looks when {@code XAUTHORITY} is unset
     * @param stderr what the tool printed
     */
    static Optional<String> diagnose(String display, String xauthority, String home, String stderr) {
        if (stderr.contains("Invalid MIT-MAGIC-COOKIE-1 key")) {
            return Optional.of(refused(display) + "the cookie for it in " + cookieFile(xauthority, home)
                    + " is not the one the server expects (Invalid MIT-MAGIC-COOKIE-1 key)");
        }
        if (NO_COOKIE.matcher(stderr).find()) {
            return Optional.of(refused(display) + missingCookie(xauthority, home));
        }
        if (stderr.contains("Maximum number of clients reached")) {
            return Optional.of("the X server at " + display + " has no room for another client (maximum number of "
                    + "clients reached)");
        }
        if (OPEN_FAILED.matcher(stderr).find()) {
            return Optional.of(unreachable(display));
        }
        return Optional.empty();
    }

    private static String refused(String display) {
        return "the X server at DISPLAY=" + display + " refused access to the caller: ";
    }

    private static String cookieFile(String xauthority, String home) {
        return xauthority != null ? "XAUTHORITY=" + xauthority : home + "/.Xauthority (XAUTHORITY is not set)";
    }

    private static String missingCookie(String xauthority, String home) {
        if (xauthority == null) {
            return "XAUTHORITY is not set in the calling process's environment and " + home
                    + "/.Xauthority has no cookie for this display";
        }
        try {
            Path file = Path.of(xauthority);
            if (!Files.exists(file)) {
                return "XAUTHORITY=" + xauthority + " does not exist";
            }
            if (!Files.isReadable(file)) {
                return "XAUTHORITY=" + xauthority + " cannot be read by the caller";
            }
        } catch (InvalidPathException | SecurityException e) {
            return "XAUTHORITY=" + xauthority + " is not a usable path";
        }
        return "XAUTHORITY=" + xauthority + " has no cookie for this display";
    }

    private static String unreachable(String display) {
        Matcher local = LOCAL.matcher(display);
        if (local.matches()) {
            Path socket = Path.of("/tmp/.X11-unix/X" + local.group(1));
            if (!Files.exists(socket)) {
                return "cannot connect to the X display DISPLAY=" + display + ": no X server is running there (no "
                        + socket + ")";
            }
            return "cannot connect to the X display DISPLAY=" + display + ": " + socket
                    + " exists but the server did not accept the connection";
        }
        return "cannot connect to the X display DISPLAY=" + display + ": the server is unreachable or not running";
    }
}
