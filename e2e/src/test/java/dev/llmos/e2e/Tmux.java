package dev.llmos.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** a command in a real terminal (a detached tmux session): keys in, the screen out. */
final class Tmux implements AutoCloseable {
    private final String session;

    private Tmux(String session) {
        this.session = session;
    }

    /** runs {@code command} in a new {@code width} x {@code height} session named {@code session}. */
    static Tmux start(String session, int width, int height, List<String> command) throws Exception {
        Run started = Run.of(List.of("tmux", "new-session", "-d", "-s", session, "-x", Integer.toString(width), "-y",
                Integer.toString(height), String.join(" ", command.stream().map(Tmux::quote).toList())));
        if (started.exit() != 0) {
            throw new AssertionError("tmux did not start: " + started);
        }
        return new Tmux(session);
    }

    private static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** types {@code keys} (tmux key names such as {@code Enter}, {@code C-d}, or text). */
    void keys(String... keys) throws Exception {
        List<String> argv = new ArrayList<>(List.of("tmux", "send-keys", "-t", session));
        argv.addAll(List.of(keys));
        Run.of(argv);
    }

    /** the screen and the history above it, wrapped lines joined. */
    String screen() throws Exception {
        return Run.of(List.of("tmux", "capture-pane", "-p", "-J", "-t", session, "-S", "-300")).out();
    }

    /** the screen once {@code ready} holds for it, polled for up to a minute. */
    String await(Predicate<String> ready) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String text = "";
        while (System.nanoTime() < deadline) {
            text = screen();
            if (ready.test(text)) {
                return text;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("screen never became ready:\n" + text);
    }

    /** forgets the history and clears the screen, so that what comes next is all {@link #await} sees. */
    void clear() throws Exception {
        Run.of(List.of("tmux", "clear-history", "-t", session));
        keys("C-l");
    }

    /** whether the session still runs (it ends with its command). */
    boolean alive() throws Exception {
        return Run.of(List.of("tmux", "has-session", "-t", session)).exit() == 0;
    }

    @Override
    public void close() throws Exception {
        Run.of(List.of("tmux", "kill-session", "-t", session));
    }
}
