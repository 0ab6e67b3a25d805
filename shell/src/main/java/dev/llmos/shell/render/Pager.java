package dev.llmos.shell.render;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * shows long output a page at a time, as git and systemctl do: {@code $LLMSH_PAGER}, else
 * {@code $PAGER}, else {@code less}; an empty value or {@code cat} means no pager. the command is
 * split at spaces and run without a shell. {@code LESS} defaults to {@code FRX} (quit when it
 * fits, keep colours, leave the text on the screen) and {@code LV} to {@code -c}, unless set.
 */
public final class Pager {
    private final Map<String, String> env;
    private final int rows;

    /** @param rows the terminal's height; output of at most this many lines is printed directly */
    public Pager(Map<String, String> env, int rows) {
        this.env = env;
        this.rows = rows;
    }

    /** the pager's argv, or an empty list when paging is off. */
    static List<String> command(Map<String, String> env) {
        String chosen = env.get("LLMSH_PAGER");
        if (chosen == null) {
            chosen = env.get("PAGER");
        }
        if (chosen == null) {
            chosen = "less";
        }
        List<String> argv = new ArrayList<>();
        for (String word : chosen.trim().split("\\s+")) {
            if (!word.isEmpty()) {
                argv.add(word);
            }
        }
        return argv.isEmpty() || argv.equals(List.of("cat")) ? List.of() : argv;
    }

    /**
     * pages {@code text} when it is longer than the terminal and a pager runs; returns false when
     * the caller should print it instead (short text, no pager, the pager could not start).
     */
    boolean page(String text) {
        if (rows <= 0 || lines(text) < rows) {
            return false;
        }
        List<String> argv = command(env);
        if (argv.isEmpty()) {
            return false;
        }
        ProcessBuilder builder = new ProcessBuilder(argv).redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().putIfAbsent("LESS", "FRX");
        builder.environment().putIfAbsent("LV", "-c");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return false;
        }
        // ctrl-c belongs to the pager while it runs (less uses it to stop a search), as with git
        sun.misc.Signal interrupt = new sun.misc.Signal("INT");
        sun.misc.SignalHandler previous = sun.misc.Signal.handle(interrupt, signal -> { });
        try (OutputStream in = process.getOutputStream()) {
            in.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // the pager quit before reading everything (q pressed): that is how paging ends
        }
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            sun.misc.Signal.handle(interrupt, previous);
        }
        return true;
    }

    private static int lines(String text) {
        int count = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                count++;
            }
        }
        return count;
    }
}
