package dev.llmos.e2e;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * a real terminal for a test: a detached tmux session of a given size running one command, on a
 * tmux server of this test run's own (other runs on the machine use tmux too).
 */
final class Tmux implements AutoCloseable {
    private static final String SERVER = "llmos-e2e-" + ProcessHandle.current().pid();
    private final String name;

    private Tmux(String name) {
        this.name = name;
    }

    /** starts {@code argv} (environment assignments first, through env) in a {@code columns} by {@code rows} terminal. */
    static Tmux start(String name, int columns, int rows, List<String> env, List<String> argv)
            throws IOException, InterruptedException {
        // the command's status is printed when it ends, and the terminal stays for the test to read it
        List<String> command = new ArrayList<>(List.of("sh", "-c", "\"$@\"; echo \"[exit $?]\"; exec sleep 3600", "sh", "env"));
        command.addAll(env);
        command.addAll(argv);
        String session = name + "-" + ProcessHandle.current().pid() + "-" + System.nanoTime() % 100000;
        List<String> tmux = new ArrayList<>(List.of("tmux", "-L", SERVER, "new-session", "-d", "-s", session,
                "-x", Integer.toString(columns), "-y", Integer.toString(rows)));
        tmux.add(String.join(" ", command.stream().map(Tmux::quote).toList()));
        // the server of the previous session may still be shutting down: then it is started again
        Run started = Run.of(tmux);
        for (int attempt = 0; attempt < 20 && started.exit() != 0 && started.err().contains("server exited"); attempt++) {
            started = Run.of(tmux);
        }
        if (started.exit() != 0) {
            throw new IOException("tmux did not start: " + started);
        }
        return new Tmux(session);
    }

    static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    void keys(String... keys) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of("tmux", "-L", SERVER, "send-keys", "-t", name));
        argv.addAll(List.of(keys));
        Run.of(argv);
    }

    /** the screen and scrollback as text; with {@code escapes}, with its colour sequences. */
    String screen(boolean escapes) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of("tmux", "-L", SERVER, "capture-pane", "-p", "-J", "-t", name,
                "-S", "-500"));
        if (escapes) {
            argv.add("-e");
        }
        return Run.of(argv).out();
    }

    String screen() throws IOException, InterruptedException {
        return screen(false);
    }

    /** polls the screen until {@code ready} holds (60 s at most). */
    String await(Predicate<String> ready) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String text = "";
        while (System.nanoTime() < deadline) {
            text = screen();
            if (ready.test(text)) {
                return text;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the screen never became ready:\n" + text);
    }

    /**
     * sends {@code key} until the command ends (a key typed while a program switches the terminal
     * mode can be lost) and returns its exit status.
     */
    int endWith(String key) throws IOException, InterruptedException {
        for (int attempt = 0; attempt < 20; attempt++) {
            keys(key);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            while (System.nanoTime() < deadline) {
                if (screen().contains("[exit ")) {
                    return awaitExit();
                }
                Thread.sleep(100);
            }
        }
        return awaitExit();
    }

    /** the exit status of the session's command once it ended, polled (60 s at most). */
    int awaitExit() throws IOException, InterruptedException {
        String text = await(screen -> screen.contains("[exit "));
        String tail = text.substring(text.lastIndexOf("[exit ") + 6);
        return Integer.parseInt(tail.substring(0, tail.indexOf(']')));
    }

    @Override
    public void close() throws IOException, InterruptedException {
        Run.of(List.of("tmux", "-L", SERVER, "kill-session", "-t", name));
    }
}
