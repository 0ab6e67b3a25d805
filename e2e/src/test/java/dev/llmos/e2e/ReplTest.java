package dev.llmos.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** the interactive shell in a real terminal (tmux): typed commands, completion, errors, ctrl-d. */
class ReplTest {
    private static final String SESSION = "llmos-repl-" + ProcessHandle.current().pid();
    private static DaemonProcess daemon;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/tmux")), "needs tmux");
        daemon = DaemonProcess.start();
        Path home = Distribution.publicTempDir("llmos-repl-home");
        List<String> shell = new ArrayList<>(List.of("env", "XDG_STATE_HOME=" + home, "TERM=xterm"));
        shell.addAll(Distribution.llmsh("--socket", daemon.socket.toString(), "--no-autostart"));
        List<String> argv = new ArrayList<>(List.of("tmux", "new-session", "-d", "-s", SESSION, "-x", "160", "-y", "50"));
        argv.add(String.join(" ", shell.stream().map(ReplTest::quote).toList()));
        Run started = Run.of(argv);
        assertTrue(started.exit() == 0, started.toString());
        awaitScreen(s -> s.contains("llmsh>"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (daemon != null) {
            Run.of(List.of("tmux", "kill-session", "-t", SESSION));
            daemon.close();
        }
    }

    private static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    private static void keys(String... keys) throws Exception {
        List<String> argv = new ArrayList<>(List.of("tmux", "send-keys", "-t", SESSION));
        argv.addAll(List.of(keys));
        Run.of(argv);
    }

    private static String screen() throws Exception {
        return Run.of(List.of("tmux", "capture-pane", "-p", "-t", SESSION, "-S", "-200")).out();
    }

    private static String awaitScreen(Predicate<String> ready) throws Exception {
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

    @Test
    void runsCommandsCompletesAndSurvivesErrors() throws Exception {
        String hostname = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        keys("do sys.info", "Enter");
        awaitScreen(s -> s.contains(hostname) && s.lastIndexOf("llmsh>") > s.indexOf(hostname));

        keys("do fs.nuke", "Enter");
        awaitScreen(s -> s.contains("unknown action: fs.nuke"));

        keys("describe fs.li", "Tab");
        awaitScreen(s -> s.contains("describe fs.list"));
        keys("Enter");
        awaitScreen(s -> s.contains("examples:"));

        keys("C-d");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        boolean gone = false;
        while (!gone && System.nanoTime() < deadline) {
            gone = Run.of(List.of("tmux", "has-session", "-t", SESSION)).exit() != 0;
            Thread.sleep(100);
        }
        assertTrue(gone, "ctrl-d leaves the shell");
    }
}
