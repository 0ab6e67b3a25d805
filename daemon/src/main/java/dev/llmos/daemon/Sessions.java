package dev.llmos.daemon;

import dev.llmos.action.Caller;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * the caller's login session, read from the calling process's environment: only the variables that
 * locate a session, and only when that process still belongs to the caller's uid (a pid reused by
 * another user's process yields nothing).
 */
final class Sessions {
    /** what locates a graphical or login session; nothing else (no secrets) is read. */
    static final Set<String> VARIABLES = Set.of("DISPLAY", "XAUTHORITY", "WAYLAND_DISPLAY", "XDG_RUNTIME_DIR",
            "XDG_SESSION_TYPE", "DBUS_SESSION_BUS_ADDRESS");
    private static final int MAX_VALUE = 4096;

    private Sessions() {
    }

    static Map<String, String> of(Caller caller) {
        return of(caller, Path.of("/proc"));
    }

    static Map<String, String> of(Caller caller, Path proc) {
        if (caller.pid() <= 0) {
            return Map.of();
        }
        Path dir = proc.resolve(Long.toString(caller.pid()));
        try {
            byte[] environ = Files.readAllBytes(dir.resolve("environ"));
            if ((int) Files.getAttribute(dir, "unix:uid") != caller.uid()) {
                return Map.of();
            }
            return parse(environ);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return Map.of();
        }
    }

    /** the session variables in a nul-separated {@code environ} block. */
    static Map<String, String> parse(byte[] environ) {
        Map<String, String> session = new TreeMap<>();
        for (String entry : new String(environ, StandardCharsets.UTF_8).split("\0")) {
            int eq = entry.indexOf('=');
            if (eq > 0 && VARIABLES.contains(entry.substring(0, eq)) && entry.length() - eq - 1 <= MAX_VALUE) {
                session.put(entry.substring(0, eq), entry.substring(eq + 1));
            }
        }
        return Map.copyOf(session);
    }
}
