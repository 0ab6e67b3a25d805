package dev.llmos.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** the interactive shell in a real terminal (tmux): typed commands, completion, errors, ctrl-d. */
class ReplTest {
    private static DaemonProcess daemon;
    private static Tmux tmux;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/tmux")), "needs tmux");
        daemon = DaemonProcess.start();
        Path home = Distribution.publicTempDir("llmos-repl-home");
        List<String> shell = new ArrayList<>(List.of("env", "XDG_STATE_HOME=" + home, "TERM=xterm"));
        shell.addAll(Distribution.llmsh("--socket", daemon.socket.toString(), "--no-autostart"));
        tmux = Tmux.start("llmos-repl-" + ProcessHandle.current().pid(), 160, 50, shell);
        tmux.await(s -> s.contains("llmsh>"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (daemon != null) {
            tmux.close();
            daemon.close();
        }
    }

    @Test
    void runsCommandsCompletesAndSurvivesErrors() throws Exception {
        String hostname = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        tmux.keys("do sys.info", "Enter");
        tmux.await(s -> s.contains(hostname) && s.lastIndexOf("llmsh>") > s.indexOf(hostname));

        tmux.keys("do fs.nuke", "Enter");
        tmux.await(s -> s.contains("unknown action: fs.nuke"));

        tmux.keys("describe fs.li", "Tab");
        tmux.await(s -> s.contains("describe fs.list"));
        tmux.keys("Enter");
        tmux.await(s -> s.contains("examples:"));

        tmux.keys("C-d");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        boolean gone = false;
        while (!gone && System.nanoTime() < deadline) {
            gone = !tmux.alive();
            Thread.sleep(100);
        }
        assertTrue(gone, "ctrl-d leaves the shell");
    }
}
