package dev.llmos.actions.desktop;

import static dev.llmos.action.testkit.Harness.params;
import static dev.llmos.action.testkit.Harness.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmos.action.ActionException;
import dev.llmos.action.testkit.TestContext;
import dev.llmos.actions.desktop.backend.SessionDetector;
import dev.llmos.actions.desktop.backend.ToolRunner;
import dev.llmos.actions.desktop.x11.X11Backend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** what the caller reads when there is no usable session: each message names what is missing. */
class SessionErrorsTest {
    private static XServer x;

    @BeforeAll
    static void setUp() {
        x = XServer.shared();
    }

    private static String failure(Map<String, String> session, String action) {
        return assertThrows(ActionException.class, () -> run(session, action, params())).getMessage();
    }

    @Test
    void noDisplayInTheCallersEnvironment() {
        assertEquals("no graphical session: DISPLAY is not set in the calling process's environment; run the request "
                + "from a terminal inside the desktop session", failure(Map.of(), "display.info"));
        assertTrue(failure(Map.of("XDG_SESSION_TYPE", "tty"), "input.cursor")
                .startsWith("no graphical session: DISPLAY is not set in the calling process's environment (its session "
                        + "type is tty)"));
    }

    @Test
    void aWaylandOnlySessionIsNotSupportedYet() {
        String message = failure(Map.of("WAYLAND_DISPLAY", "wayland-0", "XDG_SESSION_TYPE", "wayland"), "display.info");
        assertTrue(message.startsWith("wayland sessions are not supported yet (no backend)"), message);
        assertTrue(message.contains("WAYLAND_DISPLAY=wayland-0"), message);
    }

    @Test
    void xwaylandIsUsedWhenAWaylandSessionAlsoNamesADisplay() throws Exception {
        Map<String, String> session = new HashMap<>(x.session());
        session.put("WAYLAND_DISPLAY", "wayland-0");
        session.put("XDG_SESSION_TYPE", "wayland");
        assertEquals("xwayland", run(session, "display.info", params()).output().path("session_type").asText());
    }

    @Test
    void aDisplayNameThatIsNotOne() {
        assertEquals("DISPLAY=:0; rm -rf / is not an x display name (expected [host]:number[.screen], e.g. :0)",
                failure(Map.of("DISPLAY", ":0; rm -rf /"), "display.info"));
    }

    @Test
    void aDisplayWithNoServer() {
        String message = failure(Map.of("DISPLAY", ":187"), "input.cursor");
        assertEquals("cannot connect to the X display DISPLAY=:187: no X server is running there "
                + "(no /tmp/.X11-unix/X187)", message);
    }

    @Test
    void aWrongCookieIsRefusedByTheServer() {
        String message = failure(Map.of("DISPLAY", x.display(), "XAUTHORITY", x.wrongCookie().toString()),
                "display.windows");
        assertTrue(message.startsWith("the X server at DISPLAY=" + x.display() + " refused access to the caller: "
                + "the cookie for it in XAUTHORITY=" + x.wrongCookie() + " is not the one the server expects"), message);
    }

    @Test
    void noCookieAtAllIsRefusedByTheServer() {
        String home = System.getProperty("user.home");
        String message = failure(Map.of("DISPLAY", x.display()), "input.cursor");
        assertEquals("the X server at DISPLAY=" + x.display() + " refused access to the caller: XAUTHORITY is not set "
                + "in the calling process's environment and " + home + "/.Xauthority has no cookie for this display",
                message);
        Path missing = x.dir().resolve("no-such.auth");
        assertEquals("the X server at DISPLAY=" + x.display() + " refused access to the caller: XAUTHORITY=" + missing
                + " does not exist", failure(Map.of("DISPLAY", x.display(), "XAUTHORITY", missing.toString()),
                "display.info"));
    }

    @Test
    void aMissingToolNamesThePackageThatInstallsIt() throws Exception {
        Path empty = Files.createTempDirectory(x.dir(), "empty-bin");
        SessionDetector detector = new SessionDetector(ToolRunner.searching(List.of(empty)));
        var context = TestContext.withSession(x.session());
        ActionException cursor = assertThrows(ActionException.class,
                () -> new InputCursorAction(detector).execute(new InputCursorAction.Params(), context));
        assertEquals("xdotool is not installed (apt install xdotool)", cursor.getMessage());
        ActionException shot = assertThrows(ActionException.class, () -> context.execute(
                new DisplayScreenshotAction(detector), new DisplayScreenshotAction.Params(null, null, null)));
        assertEquals("xwd is not installed (apt install x11-apps)", shot.getMessage());
        ActionException copy = assertThrows(ActionException.class, () -> new ClipboardSetAction(detector)
                .execute(new ClipboardSetAction.Params("x", dev.llmos.actions.desktop.backend.Selection.CLIPBOARD),
                        context));
        assertEquals("xclip is not installed (apt install xclip)", copy.getMessage());
    }

    @Test
    void everyToolsMessageNamesItsDebianPackage() {
        assertEquals("xprop is not installed (apt install x11-utils)", ToolRunner.missingMessage(X11Backend.XPROP));
        assertEquals("xwininfo is not installed (apt install x11-utils)", ToolRunner.missingMessage(X11Backend.XWININFO));
        assertEquals("xdpyinfo is not installed (apt install x11-utils)", ToolRunner.missingMessage(X11Backend.XDPYINFO));
        assertEquals("xrandr is not installed (apt install x11-xserver-utils)",
                ToolRunner.missingMessage(X11Backend.XRANDR));
    }

    @Test
    void toolsGetTheCallersDisplayAndNothingElseFromAnyEnvironment() throws Exception {
        Map<String, String> session = new HashMap<>(x.session());
        session.put("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent");
        X11Backend backend = (X11Backend) new SessionDetector().open(session);
        assertEquals(Map.of("DISPLAY", x.display(), "XAUTHORITY", x.xauthority().toString(),
                "HOME", System.getProperty("user.home"), "PATH", dev.llmos.action.Programs.SEARCH_PATH,
                "LC_ALL", "C.UTF-8"), backend.environment());
    }
}
