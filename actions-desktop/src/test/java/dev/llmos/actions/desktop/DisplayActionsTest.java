package dev.llmos.actions.desktop;

import static dev.llmos.action.testkit.Harness.params;
import static dev.llmos.action.testkit.Harness.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.action.ActionException;
import dev.llmos.action.testkit.Harness;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** display.* on a real x server with two real windows (a terminal and xev). */
class DisplayActionsTest {
    private static Desktop desktop;
    private static Map<String, String> session;

    @BeforeAll
    static void setUp() throws Exception {
        desktop = Desktop.shared();
        session = desktop.session();
    }

    private static BufferedImage png(byte[] bytes) throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
        assertNotNull(image, "not a png the jdk can read");
        return image;
    }

    private static BufferedImage screenshot(Object... params) throws Exception {
        JsonNode out = run(session, "display.screenshot", params(params)).output();
        assertEquals("png", out.path("format").asText());
        byte[] bytes = Base64.getDecoder().decode(out.path("base64").asText());
        assertEquals(out.path("bytes").asLong(), bytes.length);
        BufferedImage image = png(bytes);
        assertEquals(out.path("width").asInt(), image.getWidth());
        assertEquals(out.path("height").asInt(), image.getHeight());
        return image;
    }

    @Test
    void infoReportsTheScreenAsTheServerHasIt() throws Exception {
        JsonNode info = run(session, "display.info", params()).output();
        assertEquals("x11", info.path("backend").asText());
        assertEquals("x11", info.path("session_type").asText());
        assertEquals(desktop.x.display(), info.path("display").asText());
        assertEquals(0, info.path("default_screen").asInt());
        JsonNode screen = info.path("screens").path(0);
        assertEquals(1024, screen.path("width").asInt(), info.toString());
        assertEquals(768, screen.path("height").asInt());
        assertEquals(24, screen.path("depth").asInt());
        assertTrue(screen.path("dpi_x").asInt() > 0, info.toString());
        // xrandr lists xvfb's one monitor covering the screen
        JsonNode monitor = info.path("monitors").path(0);
        assertEquals(1024, monitor.path("geometry").path("width").asInt(), info.toString());
        assertEquals(768, monitor.path("geometry").path("height").asInt());
        assertEquals(1.0, info.path("scale").asDouble());
        assertEquals("default", info.path("scale_source").asText());
    }

    @Test
    void scaleFollowsXftDpiAndAnEmptyScreenHasNoWindows() throws Exception {
        XServer x = XServer.start("320x200x24");
        try {
            x.tool("xprop", "-root", "-f", "RESOURCE_MANAGER", "8s", "-set", "RESOURCE_MANAGER", "Xft.dpi:\t192\n");
            JsonNode info = run(x.session(), "display.info", params()).output();
            assertEquals(2.0, info.path("scale").asDouble(), info.toString());
            assertEquals("xft.dpi", info.path("scale_source").asText());
            assertEquals(320, info.path("screens").path(0).path("width").asInt());
            // a screen with no windows at all: an empty list, not an error
            JsonNode windows = run(x.session(), "display.windows", params()).output();
            assertEquals(0, windows.path("windows").size(), windows.toString());
            assertTrue(windows.path("focused").isNull());
            assertTrue(run(x.session(), "input.cursor", params()).output().path("window").isNull());
        } finally {
            x.close();
        }
    }

    @Test
    void windowsListsTheTerminalWithItsTitleClassAndGeometry() throws Exception {
        JsonNode out = run(session, "display.windows", params()).output();
        JsonNode terminal = null;
        JsonNode observer = null;
        for (JsonNode window : out.path("windows")) {
            if (window.path("id").asLong() == desktop.terminal) {
                terminal = window;
            } else if (window.path("id").asLong() == desktop.observer) {
                observer = window;
            }
        }
        assertNotNull(terminal, out.toString());
        assertNotNull(observer, out.toString());
        assertEquals(Desktop.TERMINAL_TITLE, terminal.path("title").asText());
        assertEquals("XTerm", terminal.path("class").asText());
        assertEquals("xterm", terminal.path("instance").asText());
        assertTrue(terminal.path("visible").asBoolean());
        assertEquals(20, terminal.path("geometry").path("x").asInt(), terminal.toString());
        assertEquals(20, terminal.path("geometry").path("y").asInt());
        assertEquals(Desktop.OBSERVER_TITLE, observer.path("title").asText());
        assertEquals(Desktop.OBSERVER_X, observer.path("geometry").path("x").asInt(), observer.toString());
        assertEquals(Desktop.OBSERVER_WIDTH, observer.path("geometry").path("width").asInt());
        assertEquals(Desktop.OBSERVER_HEIGHT, observer.path("geometry").path("height").asInt());
    }

    @Test
    void focusMovesTheKeyboardFocusAndItsUndoMovesItBack() throws Exception {
        desktop.focusTerminal();
        Harness.Run focus = run(session, "display.focus", params("window", desktop.observer));
        assertEquals(desktop.observer, focus.output().path("window").asLong());
        assertEquals(desktop.terminal, focus.output().path("previous").asLong());
        assertEquals(Desktop.OBSERVER_TITLE, focus.output().path("title").asText());
        // the server agrees, asked by another client
        assertEquals(Long.toString(desktop.observer), desktop.x.tool("xdotool", "getwindowfocus").strip());
        JsonNode listed = run(session, "display.windows", params()).output();
        assertEquals(desktop.observer, listed.path("focused").asLong(), listed.toString());

        assertEquals("display.focus", focus.inverse().action());
        Harness.Run back = Harness.inSession(session).undo(focus);
        assertEquals(desktop.terminal, back.output().path("window").asLong());
        assertEquals(Long.toString(desktop.terminal), desktop.x.tool("xdotool", "getwindowfocus").strip());
    }

    @Test
    void undoOfFocusRefusesWhenTheFocusMovedSince() throws Exception {
        desktop.focusTerminal();
        Harness.Run focus = run(session, "display.focus", params("window", desktop.observer));
        desktop.focusTerminal();
        ActionException refused = assertThrows(ActionException.class, () -> Harness.inSession(session).undo(focus));
        assertTrue(refused.getMessage().startsWith("refused: the focus moved since"), refused.getMessage());
        assertEquals(Long.toString(desktop.terminal), desktop.x.tool("xdotool", "getwindowfocus").strip());
    }

    @Test
    void focusOfAnUnknownWindowNamesIt() {
        ActionException e = assertThrows(ActionException.class,
                () -> run(session, "display.focus", params("window", 0x1234567)));
        assertTrue(e.getMessage().startsWith("no window with id 19088743 (0x1234567)"), e.getMessage());
    }

    @Test
    void screenshotIsAPngOfTheWholeScreen() throws Exception {
        BufferedImage image = screenshot();
        assertEquals(1024, image.getWidth());
        assertEquals(768, image.getHeight());
    }

    @Test
    void screenshotPixelsChangeWhenTextIsTyped() throws Exception {
        desktop.focusTerminal();
        Map<String, Object> terminalArea = Map.of("x", 20, "y", 20, "width", 300, "height", 60);
        BufferedImage before = screenshot("region", terminalArea);
        long mark = desktop.typedMark();
        run(session, "input.type", params("text", "WWWWWWWWWWWWWWWWWWWWWWWW"));
        BufferedImage after = before;
        for (int attempt = 0; attempt < 50 && same(before, after); attempt++) {
            XServer.sleep(20);
            after = screenshot("region", terminalArea);
        }
        assertFalse(same(before, after), "typing left the terminal's pixels unchanged");
        run(session, "input.key", params("keys", "Return"));
        desktop.typedSince(mark, "\n");
    }

    private static boolean same(BufferedImage a, BufferedImage b) {
        return java.util.Arrays.equals(a.getRGB(0, 0, a.getWidth(), a.getHeight(), null, 0, a.getWidth()),
                b.getRGB(0, 0, b.getWidth(), b.getHeight(), null, 0, b.getWidth()));
    }

    @Test
    void aRegionIsCutFromTheScreenAndAWindowIsCutAtItsGeometry() throws Exception {
        BufferedImage full = screenshot();
        BufferedImage region = screenshot("region", Map.of("x", 590, "y", 390, "width", 50, "height", 40));
        assertEquals(50, region.getWidth());
        assertEquals(40, region.getHeight());
        assertArrayEquals(full.getRGB(590, 390, 50, 40, null, 0, 50), region.getRGB(0, 0, 50, 40, null, 0, 50));

        JsonNode out = run(session, "display.screenshot", params("window", desktop.observer)).output();
        assertEquals(Desktop.OBSERVER_WIDTH, out.path("width").asInt(), out.path("area").toString());
        assertEquals(Desktop.OBSERVER_HEIGHT, out.path("height").asInt());
        assertEquals(Desktop.OBSERVER_X, out.path("area").path("x").asInt());
        assertEquals(desktop.observer, out.path("window").asLong());

        JsonNode inWindow = run(session, "display.screenshot", params("window", desktop.observer,
                "region", Map.of("x", 10, "y", 20, "width", 30, "height", 40))).output();
        assertEquals(Desktop.OBSERVER_X + 10, inWindow.path("area").path("x").asInt());
        assertEquals(Desktop.OBSERVER_Y + 20, inWindow.path("area").path("y").asInt());
        assertEquals(30, inWindow.path("width").asInt());
    }

    @Test
    void aRegionOutsideTheScreenIsRefused() {
        ActionException e = assertThrows(ActionException.class, () -> run(session, "display.screenshot",
                params("region", Map.of("x", 1000, "y", 0, "width", 100, "height", 10))));
        assertTrue(e.getMessage().contains("does not fit in the screen (1024x768)"), e.getMessage());
    }

    @Test
    void withAPathTheScreenshotIsANewPrivateFile() throws Exception {
        Path file = desktop.x.dir().resolve("shot-" + System.nanoTime() + ".png");
        JsonNode out = run(session, "display.screenshot", params("path", file.toString())).output();
        assertEquals(file.toString(), out.path("path").asText());
        assertNull(out.path("base64").textValue());
        BufferedImage image = png(Files.readAllBytes(file));
        assertEquals(1024, image.getWidth());
        assertEquals(Files.size(file), out.path("bytes").asLong());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));

        byte[] before = Files.readAllBytes(file);
        ActionException e = assertThrows(ActionException.class,
                () -> run(session, "display.screenshot", params("path", file.toString())));
        assertTrue(e.getMessage().startsWith("already exists: " + file), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file));

        ActionException relative = assertThrows(ActionException.class,
                () -> run(session, "display.screenshot", params("path", "shot.png")));
        assertEquals("path must be absolute: shot.png", relative.getMessage());
        ActionException noDir = assertThrows(ActionException.class, () -> run(session, "display.screenshot",
                params("path", desktop.x.dir().resolve("missing/shot.png").toString())));
        assertTrue(noDir.getMessage().startsWith("no such directory"), noDir.getMessage());
    }

    @Test
    void screenshotsOfUnchangedScreensAreIdentical() throws Exception {
        Path a = desktop.x.dir().resolve("a-" + System.nanoTime() + ".png");
        run(session, "display.screenshot", params("path", a.toString(),
                "region", Map.of("x", 700, "y", 0, "width", 300, "height", 300)));
        Path b = desktop.x.dir().resolve("b-" + System.nanoTime() + ".png");
        run(session, "display.screenshot", params("path", b.toString(),
                "region", Map.of("x", 700, "y", 0, "width", 300, "height", 300)));
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        assertNotEquals(0, Files.size(a));
    }
}
