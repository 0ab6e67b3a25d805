package dev.llmos.actions.desktop;

import static dev.llmos.action.testkit.Harness.params;
import static dev.llmos.action.testkit.Harness.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.action.testkit.Harness;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * the desktop as people have it: a reparenting window manager (openbox) that keeps the ewmh
 * client list and active window, and decorates windows with frames.
 */
class WindowManagerTest {
    private static final Pattern ACTIVE = Pattern.compile("window id # (0x[0-9a-f]+)");
    private static XServer x;
    private static long one;
    private static long two;

    @BeforeAll
    static void setUp() throws Exception {
        x = XServer.start("1024x768x24");
        x.spawn(List.of("openbox", "--sm-disable"), x.dir().resolve("openbox.log"));
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!x.tool("xprop", "-root", "_NET_SUPPORTING_WM_CHECK").contains("window id")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("openbox did not start");
            }
            XServer.sleep(50);
        }
        x.spawn(List.of("xterm", "-geometry", "40x5+100+100", "-title", "wm-one"), x.dir().resolve("one.log"));
        one = x.awaitWindow("wm-one");
        x.spawn(List.of("xterm", "-geometry", "40x5+500+400", "-title", "wm-two"), x.dir().resolve("two.log"));
        two = x.awaitWindow("wm-two");
        awaitActive(two);
    }

    @AfterAll
    static void tearDown() {
        x.close();
    }

    private static long active() throws Exception {
        Matcher m = ACTIVE.matcher(x.tool("xprop", "-root", "_NET_ACTIVE_WINDOW"));
        return m.find() ? Long.parseLong(m.group(1).substring(2), 16) : 0;
    }

    private static void awaitActive(long window) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (active() != window && System.nanoTime() < deadline) {
            XServer.sleep(50);
        }
        assertEquals(window, active());
    }

    private static JsonNode listed(JsonNode windows, long id) {
        for (JsonNode window : windows.path("windows")) {
            if (window.path("id").asLong() == id) {
                return window;
            }
        }
        return null;
    }

    /** absolute x, y, width, height of {@code id} as xwininfo reports them. */
    private static int[] geometry(long id) throws Exception {
        String info = x.tool("xwininfo", "-id", Long.toString(id));
        int[] values = new int[4];
        String[] labels = {"Absolute upper-left X:", "Absolute upper-left Y:", "Width:", "Height:"};
        for (int i = 0; i < 4; i++) {
            Matcher m = Pattern.compile(Pattern.quote(labels[i]) + "\\s+(-?\\d+)").matcher(info);
            assertTrue(m.find(), info);
            values[i] = Integer.parseInt(m.group(1));
        }
        return values;
    }

    @Test
    void windowsComeFromTheClientListWithTheirContentGeometry() throws Exception {
        JsonNode windows = run(x.session(), "display.windows", params()).output();
        assertEquals(2, windows.path("windows").size(), windows.toString());
        JsonNode first = listed(windows, one);
        assertNotNull(first, windows.toString());
        assertEquals("wm-one", first.path("title").asText());
        assertEquals("XTerm", first.path("class").asText());
        assertTrue(first.path("pid").asInt() > 0, first.toString());
        int[] expected = geometry(one);
        JsonNode geometry = first.path("geometry");
        assertEquals(expected[0], geometry.path("x").asInt(), first.toString());
        assertEquals(expected[1], geometry.path("y").asInt());
        assertEquals(expected[2], geometry.path("width").asInt());
        assertEquals(expected[3], geometry.path("height").asInt());
        assertEquals(active(), windows.path("focused").asLong());
    }

    @Test
    void focusActivatesThroughTheWindowManagerAndUndoes() throws Exception {
        run(x.session(), "display.focus", params("window", two));
        awaitActive(two);
        Harness.Run focus = run(x.session(), "display.focus", params("window", one));
        assertEquals(one, active());
        assertEquals(two, focus.output().path("previous").asLong());
        JsonNode windows = run(x.session(), "display.windows", params()).output();
        assertTrue(listed(windows, one).path("focused").asBoolean());
        Harness.inSession(x.session()).undo(focus);
        assertEquals(two, active());
    }

    @Test
    void theCursorNamesTheWindowUnderIt() throws Exception {
        int[] g = geometry(two);
        JsonNode cursor = run(x.session(), "input.mouse_move", params("x", g[0] + 10, "y", g[1] + 10)).output();
        assertEquals(two, cursor.path("window").asLong(), cursor.toString());
    }

    @Test
    void aWindowScreenshotIsTheWindowWithoutItsFrame() throws Exception {
        int[] g = geometry(one);
        JsonNode shot = run(x.session(), "display.screenshot", params("window", one)).output();
        assertEquals(g[2], shot.path("width").asInt());
        assertEquals(g[3], shot.path("height").asInt());
        assertEquals(g[0], shot.path("area").path("x").asInt());
        assertEquals(g[1], shot.path("area").path("y").asInt());
    }
}
