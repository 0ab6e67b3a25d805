package dev.llmos.actions.desktop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * the shared x server with two real windows to drive: a terminal running {@code cat > FILE}, so
 * typed text lands in a file, and xev, which logs every button and pointer event it receives.
 */
final class Desktop {
    /** where the terminal sits; 60x6 characters of the default font. */
    static final String TERMINAL_TITLE = "llmos-typing";
    static final String OBSERVER_TITLE = "llmos-observer";
    static final int OBSERVER_X = 600;
    static final int OBSERVER_Y = 400;
    static final int OBSERVER_WIDTH = 300;
    static final int OBSERVER_HEIGHT = 200;
    private static final Pattern EVENT = Pattern.compile(
            "^(ButtonPress|ButtonRelease|MotionNotify|EnterNotify|LeaveNotify) event.*?\\n.*?root:\\((-?\\d+),(-?\\d+)\\)"
                    + "(?:.*?\\n.*?button (\\d+))?", Pattern.MULTILINE);
    private static Desktop shared;

    final XServer x;
    final long terminal;
    final long observer;
    private final Path typed;
    private final Path events;

    private Desktop(XServer x, long terminal, long observer, Path typed, Path events) {
        this.x = x;
        this.terminal = terminal;
        this.observer = observer;
        this.typed = typed;
        this.events = events;
    }

    static synchronized Desktop shared() throws IOException {
        if (shared == null) {
            XServer x = XServer.shared();
            Path typed = x.dir().resolve("typed.txt");
            Files.createFile(typed);
            x.spawn(List.of("xterm", "-u8", "-geometry", "60x6+20+20", "-title", TERMINAL_TITLE, "-e", "sh", "-c",
                    "exec cat >> \"$0\"", typed.toString()), x.dir().resolve("xterm.log"));
            Path events = x.dir().resolve("xev.log");
            x.spawn(List.of("stdbuf", "-oL", "xev", "-geometry", OBSERVER_WIDTH + "x" + OBSERVER_HEIGHT + "+"
                    + OBSERVER_X + "+" + OBSERVER_Y, "-name", OBSERVER_TITLE, "-event", "button", "-event", "mouse"),
                    events);
            long terminal = x.awaitWindow(TERMINAL_TITLE);
            long observer = x.awaitWindow(OBSERVER_TITLE);
            shared = new Desktop(x, terminal, observer, typed, events);
        }
        return shared;
    }

    Map<String, String> session() {
        return x.session();
    }

    /** gives the terminal the keyboard focus, directly (not through the code under test). */
    void focusTerminal() throws IOException {
        x.tool("xdotool", "windowfocus", "--sync", Long.toString(terminal));
    }

    /** how much the terminal has written so far: pass it to {@link #typedSince}. */
    long typedMark() throws IOException {
        return Files.size(typed);
    }

    /** the text that reached the file after {@code mark}, once it ends with a newline (cat writes whole lines). */
    String typedSince(long mark, String expectedEnd) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String text = "";
        while (System.nanoTime() < deadline) {
            byte[] all = Files.readAllBytes(typed);
            text = new String(all, (int) mark, all.length - (int) mark, StandardCharsets.UTF_8);
            if (text.endsWith(expectedEnd)) {
                return text;
            }
            XServer.sleep(20);
        }
        return text;
    }

    /**
     * one event xev saw.
     *
     * @param type the x event name
     * @param x root x
     * @param y root y
     * @param button the button, or 0
     */
    record Event(String type, int x, int y, int button) {
    }

    /** how much xev has logged: pass it to {@link #eventsSince}. */
    long eventMark() throws IOException {
        return Files.size(events);
    }

    /** the events logged after {@code mark}, waiting until {@code settled} holds for them. */
    List<Event> eventsSince(long mark, java.util.function.Predicate<List<Event>> settled) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<Event> found = List.of();
        while (System.nanoTime() < deadline) {
            byte[] all = Files.readAllBytes(events);
            String text = new String(all, (int) mark, all.length - (int) mark, StandardCharsets.UTF_8);
            found = parse(text);
            if (settled.test(found)) {
                return found;
            }
            XServer.sleep(20);
        }
        return found;
    }

    private static List<Event> parse(String text) {
        List<Event> events = new ArrayList<>();
        for (String block : text.split("\n\n")) {
            Matcher m = EVENT.matcher(block.strip());
            if (m.find()) {
                events.add(new Event(m.group(1), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                        m.group(4) == null ? 0 : Integer.parseInt(m.group(4))));
            }
        }
        return events;
    }

    static List<Event> of(List<Event> events, String type) {
        return events.stream().filter(e -> e.type().equals(type)).toList();
    }
}
