package dev.llmos.actions.desktop;

import static dev.llmos.action.testkit.Harness.params;
import static dev.llmos.action.testkit.Harness.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.action.ActionException;
import dev.llmos.action.testkit.Harness;
import dev.llmos.actions.desktop.Desktop.Event;
import dev.llmos.actions.desktop.x11.X11Backend;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** input.* on a real x server: typed text read back from a terminal, pointer events read back from xev. */
class InputActionsTest {
    private static Desktop desktop;
    private static Map<String, String> session;

    @BeforeAll
    static void setUp() throws Exception {
        desktop = Desktop.shared();
        session = desktop.session();
    }

    private static int centreX() {
        return Desktop.OBSERVER_X + Desktop.OBSERVER_WIDTH / 2;
    }

    private static int centreY() {
        return Desktop.OBSERVER_Y + Desktop.OBSERVER_HEIGHT / 2;
    }

    @Test
    void typedTextReachesTheFocusedWindow() throws Exception {
        desktop.focusTerminal();
        long mark = desktop.typedMark();
        String text = "hello world -n \"quoted\" $HOME `x` \\back é ü 日本\n";
        JsonNode out = run(session, "input.type", params("text", text)).output();
        assertEquals(text, desktop.typedSince(mark, "\n"));
        assertEquals(text.codePointCount(0, text.length()), out.path("characters").asInt());
        assertEquals(desktop.terminal, out.path("window").asLong());
        assertEquals(X11Backend.MIN_REMAP_DELAY_MS, out.path("delay_ms").asInt());
    }

    @Test
    void textThatLooksLikeAnOptionIsTypedAsText() throws Exception {
        desktop.focusTerminal();
        long mark = desktop.typedMark();
        run(session, "input.type", params("text", "--delay 500\n", "delay_ms", 0));
        assertEquals("--delay 500\n", desktop.typedSince(mark, "\n"));
    }

    @Test
    void nonAsciiTextIsTypedWithAtLeastTheRemapDelay() throws Exception {
        desktop.focusTerminal();
        long mark = desktop.typedMark();
        JsonNode out = run(session, "input.type", params("text", "çà\n", "delay_ms", 0)).output();
        assertEquals(X11Backend.MIN_REMAP_DELAY_MS, out.path("delay_ms").asInt());
        assertEquals("çà\n", desktop.typedSince(mark, "\n"));
    }

    @Test
    void controlCharactersAreRefusedBeforeAnythingIsTyped() throws Exception {
        desktop.focusTerminal();
        long mark = desktop.typedMark();
        ActionException e = assertThrows(ActionException.class,
                () -> run(session, "input.type", params("text", "abc\u0003def")));
        assertTrue(e.getMessage().contains("U+0003 at 3"), e.getMessage());
        run(session, "input.type", params("text", "after\n"));
        assertEquals("after\n", desktop.typedSince(mark, "\n"));
    }

    @Test
    void keysArePressedAsCombinations() throws Exception {
        desktop.focusTerminal();
        long mark = desktop.typedMark();
        run(session, "input.type", params("text", "abc"));
        JsonNode out = run(session, "input.key", params("keys", "BackSpace shift+z ctrl+u")).output();
        assertEquals(List.of("BackSpace", "shift+z", "ctrl+u"),
                List.of(out.path("keys").get(0).asText(), out.path("keys").get(1).asText(), out.path("keys").get(2).asText()));
        // ctrl+u erased the line in the terminal: what follows is all cat sees
        run(session, "input.type", params("text", "kept"));
        run(session, "input.key", params("keys", "shift+1 enter"));
        assertEquals("kept!\n", desktop.typedSince(mark, "\n"));
        assertEquals(desktop.terminal, out.path("window").asLong());
    }

    @Test
    void anUnknownKeyFailsTheWholeRequestAndPressesNothing() throws Exception {
        desktop.focusTerminal();
        long mark = desktop.typedMark();
        ActionException e = assertThrows(ActionException.class,
                () -> run(session, "input.key", params("keys", "a b Retrun")));
        assertTrue(e.getMessage().startsWith("unknown key 'Retrun' in 'Retrun' (did you mean Return?)"), e.getMessage());
        run(session, "input.type", params("text", "z\n"));
        assertEquals("z\n", desktop.typedSince(mark, "\n"));
    }

    @Test
    void theMouseMovesWhereAskedAndTheCursorSaysSo() throws Exception {
        JsonNode moved = run(session, "input.mouse_move", params("x", 100, "y", 200)).output();
        assertEquals(100, moved.path("x").asInt());
        assertEquals(200, moved.path("y").asInt());
        JsonNode cursor = run(session, "input.cursor", params()).output();
        assertEquals(100, cursor.path("x").asInt());
        assertEquals(200, cursor.path("y").asInt());
        assertEquals(0, cursor.path("screen").asInt());
        assertTrue(desktop.x.tool("xdotool", "getmouselocation").startsWith("x:100 y:200 "));

        long mark = desktop.eventMark();
        run(session, "input.mouse_move", params("x", centreX(), "y", centreY()));
        List<Event> events = desktop.eventsSince(mark, e -> !e.isEmpty());
        assertEquals(centreX(), events.getLast().x(), events.toString());
        assertEquals(centreY(), events.getLast().y());
        assertEquals(desktop.observer, run(session, "input.cursor", params()).output().path("window").asLong());
        run(session, "input.mouse_move", params("x", 1000, "y", 10));
        assertTrue(run(session, "input.cursor", params()).output().path("window").isNull(), "over the bare root");
    }

    @Test
    void aClickAtAPositionIsOneButtonPressThere() throws Exception {
        long mark = desktop.eventMark();
        JsonNode out = run(session, "input.click", params("x", centreX(), "y", centreY())).output();
        assertEquals(1, out.path("button").asInt());
        assertEquals(centreX(), out.path("x").asInt());
        List<Event> events = desktop.eventsSince(mark, e -> Desktop.of(e, "ButtonRelease").size() >= 1);
        List<Event> presses = Desktop.of(events, "ButtonPress");
        assertEquals(List.of(new Event("ButtonPress", centreX(), centreY(), 1)), presses, events.toString());
    }

    @Test
    void aDoubleRightClickWherePointerIsIsTwoPressesOfButtonThree() throws Exception {
        run(session, "input.mouse_move", params("x", centreX() + 10, "y", centreY() + 5));
        long mark = desktop.eventMark();
        run(session, "input.click", params("button", 3, "count", 2));
        List<Event> events = desktop.eventsSince(mark, e -> Desktop.of(e, "ButtonRelease").size() >= 2);
        Event press = new Event("ButtonPress", centreX() + 10, centreY() + 5, 3);
        assertEquals(List.of(press, press), Desktop.of(events, "ButtonPress"), events.toString());
    }

    @Test
    void aDragPressesAtTheStartAndReleasesAtTheEnd() throws Exception {
        int fromX = Desktop.OBSERVER_X + 20;
        int fromY = Desktop.OBSERVER_Y + 20;
        int toX = Desktop.OBSERVER_X + 250;
        int toY = Desktop.OBSERVER_Y + 150;
        long mark = desktop.eventMark();
        JsonNode out = run(session, "input.drag", params("from_x", fromX, "from_y", fromY, "to_x", toX, "to_y", toY))
                .output();
        assertEquals(toX, out.path("to").path("x").asInt());
        List<Event> events = desktop.eventsSince(mark, e -> !Desktop.of(e, "ButtonRelease").isEmpty());
        assertEquals(List.of(new Event("ButtonPress", fromX, fromY, 1)), Desktop.of(events, "ButtonPress"));
        assertEquals(List.of(new Event("ButtonRelease", toX, toY, 1)), Desktop.of(events, "ButtonRelease"));
        // the pointer passed through the middle with the button held
        assertTrue(events.stream().anyMatch(e -> e.type().equals("MotionNotify")
                && e.x() > fromX && e.x() < toX), events.toString());
    }

    @Test
    void movingToWhereThePointerIsAlreadyReturnsAtOnce() throws Exception {
        run(session, "input.mouse_move", params("x", 300, "y", 300));
        long start = System.nanoTime();
        run(session, "input.mouse_move", params("x", 300, "y", 300));
        run(session, "input.click", params("x", 300, "y", 300, "button", 2));
        assertTrue(System.nanoTime() - start < 2_000_000_000L, "a move to the same place waited");
    }

    @Test
    void scrollingIsWheelButtonsAtThePosition() throws Exception {
        long mark = desktop.eventMark();
        JsonNode out = run(session, "input.scroll", params("dy", 3, "dx", -2, "x", centreX(), "y", centreY())).output();
        assertEquals(centreX(), out.path("x").asInt());
        List<Event> events = desktop.eventsSince(mark, e -> Desktop.of(e, "ButtonRelease").size() >= 5);
        List<Integer> buttons = Desktop.of(events, "ButtonPress").stream().map(Event::button).toList();
        assertEquals(List.of(5, 5, 5, 6, 6), buttons, events.toString());

        mark = desktop.eventMark();
        run(session, "input.scroll", params("dy", -1, "dx", 1));
        events = desktop.eventsSince(mark, e -> Desktop.of(e, "ButtonRelease").size() >= 2);
        assertEquals(List.of(4, 7), Desktop.of(events, "ButtonPress").stream().map(Event::button).toList());
    }

    @Test
    void positionsOffTheScreenAndHalfPositionsAreRefused() throws Exception {
        run(session, "input.mouse_move", params("x", 5, "y", 5));
        ActionException off = assertThrows(ActionException.class,
                () -> run(session, "input.click", params("x", 1024, "y", 10)));
        assertEquals("position 1024,10 is outside the screen (1024x768)", off.getMessage());
        ActionException half = assertThrows(ActionException.class,
                () -> run(session, "input.click", params("x", 10)));
        assertEquals("give both x and y, or neither to use the pointer's position", half.getMessage());
        ActionException nothing = assertThrows(ActionException.class, () -> run(session, "input.scroll", params()));
        assertEquals("nothing to scroll: dx and dy are both 0", nothing.getMessage());
        // none of them moved the pointer
        JsonNode cursor = run(session, "input.cursor", params()).output();
        assertEquals(5, cursor.path("x").asInt());
        assertEquals(5, cursor.path("y").asInt());
    }

    @Test
    void previewsSayWhatWouldHappenWithoutTheTypedText() throws Exception {
        desktop.focusTerminal();
        JsonNode typing = Harness.inSession(session).preview("input.type", params("text", "secret words"));
        assertEquals("type 12 characters into the focused window", typing.path("summary").asText());
        assertEquals(desktop.terminal, typing.path("focused_window").asLong());
        assertEquals(Desktop.TERMINAL_TITLE, typing.path("focused_title").asText());
        assertTrue(!typing.toString().contains("secret"), typing.toString());
        // without a session (the daemon previews in a detached context) the summary still comes
        JsonNode detached = Harness.inSession(Map.of()).preview("input.key", params("keys", "ctrl+alt+t"));
        assertEquals("press ctrl+alt+t", detached.path("summary").asText());
        assertNull(detached.path("focused_window").numberValue());
    }
}
