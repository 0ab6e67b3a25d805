package dev.llmos.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * the interactive shell in a real terminal (tmux): typed commands, completion, "did you mean",
 * errors, a history only its owner can read that keeps neither prompts' answers nor secrets, ctrl-d.
 */
class ReplTest {
    private static DaemonProcess daemon;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/tmux")), "needs tmux");
        daemon = DaemonProcess.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    void runsCommandsCompletesSuggestsAndKeepsAPrivateHistory() throws Exception {
        Path state = Distribution.publicTempDir("llmos-repl-state");
        String hostname = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        try (Tmux repl = Tmux.start("llmos-repl", 160, 50, List.of("XDG_STATE_HOME=" + state, "TERM=xterm"),
                daemon.llmshArgv(null))) {
            repl.await(s -> s.contains("llmsh>"));
            repl.keys("do sys.info", "Enter");
            repl.await(s -> s.contains(hostname) && s.lastIndexOf("llmsh>") > s.indexOf(hostname));

            repl.keys("do fs.nuke", "Enter");
            repl.await(s -> s.contains("unknown action: fs.nuke"));

            repl.keys("describe fs.li", "Tab");
            repl.await(s -> s.contains("describe fs.list"));
            repl.keys("Enter");
            repl.await(s -> s.contains("examples:"));

            repl.keys("stauts", "Enter");
            repl.await(s -> s.contains("unknown command 'stauts'; did you mean 'status'?"));

            // a prompt's answer is not a command line, and a sensitive param's value is never kept
            repl.keys("do fs.write path=" + state.resolve("note.txt") + " content=kept-in-history", "Enter");
            repl.await(s -> s.contains("proceed? [y/N]"));
            repl.keys("n", "Enter");
            repl.await(s -> s.contains("not confirmed, nothing was changed"));
            repl.keys("do clipboard.set text=hunter2-never-kept", "Enter");
            repl.await(s -> s.lastIndexOf("proceed? [y/N]") > s.indexOf("hunter2-never-kept"));
            repl.keys("n", "Enter");
            repl.await(s -> s.lastIndexOf("llmsh>") > s.lastIndexOf("proceed? [y/N]"));

            assertEquals(0, repl.endWith("C-d"), "ctrl-d leaves the shell");
        }
        Path history = state.resolve("llmsh/history");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(history)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(history.getParent())));
        List<String> lines = Files.readAllLines(history);
        assertTrue(lines.contains("do sys.info") && lines.contains("stauts"), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.contains("content=kept-in-history")), lines.toString());
        assertFalse(lines.contains("n"), "the answer to a prompt is not history: " + lines);
        assertFalse(lines.stream().anyMatch(l -> l.contains("hunter2")), "a sensitive value is never kept: " + lines);
        assertFalse(Files.exists(state.resolve("note.txt")), "not confirmed, not written");
    }

    @Test
    void withoutXdgStateHomeTheHistoryIsUnderHome() throws Exception {
        Path home = Distribution.publicTempDir("llmos-repl-home");
        try (Tmux repl = Tmux.start("llmos-repl-home", 120, 60, List.of("-u", "XDG_STATE_HOME", "HOME=" + home, "TERM=xterm"),
                daemon.llmshArgv(null))) {
            repl.await(s -> s.contains("llmsh>"));
            repl.keys("status", "Enter");
            repl.await(s -> s.lastIndexOf("llmsh>") > s.indexOf("version:"));
            assertEquals(0, repl.endWith("C-d"));
        }
        Path history = home.resolve(".local/state/llmsh/history");
        assertEquals(List.of("status"), Files.readAllLines(history));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(history)));
    }
}
