package dev.llmos.shell;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.shell.render.Screen;
import java.util.function.Consumer;

/**
 * renders a long action's progress notifications on one terminal line: a bar when the action
 * knows its fraction, a spinner when it does not, with the elapsed time. ctrl-c ends llmsh, and
 * the daemon cancels what the closed connection was running.
 */
final class ProgressLine implements Consumer<JsonNode> {
    private static final String SPINNER = "|/-\\";
    private static final int BAR = 24;
    private static final int MAX_MESSAGE = 60;

    private final Screen err;
    private final long started = System.nanoTime();
    private int ticks;
    private boolean drawn;

    ProgressLine(Screen err) {
        this.err = err;
    }

    @Override
    public void accept(JsonNode progress) {
        err.rewriteLine(line(progress.path("message").asText(""),
                progress.hasNonNull("fraction") ? progress.get("fraction").asDouble() : null,
                (System.nanoTime() - started) / 1e9, ticks++));
        drawn = true;
    }

    /** one rendered line: {@code [#####   ]  42% message (3.1 s)} or {@code | message (3.1 s)}. */
    static String line(String message, Double fraction, double elapsedSeconds, int tick) {
        String text = message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE - 1) + "…" : message;
        String time = String.format(" (%.1f s)", elapsedSeconds);
        if (fraction == null) {
            return SPINNER.charAt(tick % SPINNER.length()) + " " + text + time;
        }
        double f = Math.max(0, Math.min(1, fraction));
        int full = (int) Math.round(f * BAR);
        return "[" + "#".repeat(full) + " ".repeat(BAR - full) + "] " + String.format("%3d%% ", Math.round(f * 100))
                + text + time;
    }

    /** clears the line, if anything was drawn, so the result starts on a clean line. */
    void finish() {
        if (drawn) {
            err.clearLine();
        }
    }
}
