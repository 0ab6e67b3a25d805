package dev.llmos.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llmos.action.Caller;
import dev.llmos.posix.Posix;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** the caller's session comes from the calling process's environment: only session variables, only if it is the caller's. */
class SessionsTest {
    @Test
    void onlyTheSessionVariablesOfTheCallersOwnProcessAreRead() throws Exception {
        ProcessBuilder builder = new ProcessBuilder("sleep", "30");
        builder.environment().put("DISPLAY", ":42");
        builder.environment().put("XAUTHORITY", "/home/someone/.Xauthority");
        builder.environment().put("API_TOKEN", "do-not-read-me");
        Process sleeper = builder.start();
        try {
            int uid = Posix.getuid();
            Caller caller = new Caller(uid, Posix.getgid(), sleeper.pid(), "me", List.of());
            Map<String, String> session = Sessions.of(caller);
            assertEquals(":42", session.get("DISPLAY"));
            assertEquals("/home/someone/.Xauthority", session.get("XAUTHORITY"));
            assertEquals(null, session.get("API_TOKEN"));

            Caller impostor = new Caller(uid + 1, Posix.getgid(), sleeper.pid(), "other", List.of());
            assertEquals(Map.of(), Sessions.of(impostor), "another uid's process yields nothing");
        } finally {
            sleeper.destroy();
        }
    }

    @Test
    void aGonePidOrNoPidYieldsNothing() {
        assertEquals(Map.of(), Sessions.of(new Caller(0, 0, 0, "root", List.of())));
        assertEquals(Map.of(), Sessions.of(new Caller(0, 0, Long.MAX_VALUE, "root", List.of())));
    }

    @Test
    void parsingKeepsOnlyTheAllowlistAndDropsHugeValues() {
        byte[] environ = ("DISPLAY=:0\0PATH=/bin\0WAYLAND_DISPLAY=wayland-1\0XDG_RUNTIME_DIR=" + "x".repeat(5000)
                + "\0garbage\0").getBytes(StandardCharsets.UTF_8);
        assertEquals(Map.of("DISPLAY", ":0", "WAYLAND_DISPLAY", "wayland-1"), Sessions.parse(environ));
    }
}
