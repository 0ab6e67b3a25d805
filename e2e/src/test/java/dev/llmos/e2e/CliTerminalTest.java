package dev.llmos.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * llmsh on a real terminal (tmux): colour only there and never with {@code NO_COLOR}, long output
 * through a pager, the terminal's width respected, confirmation prompts that show what would change,
 * and zsh completion.
 */
class CliTerminalTest {
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

    private static Tmux terminal(int columns, int rows, List<String> env, String... args) throws Exception {
        List<String> environment = new ArrayList<>(List.of("TERM=xterm-256color"));
        environment.addAll(env);
        return Tmux.start("llmos-cli", columns, rows, environment, daemon.llmshArgv(null, args));
    }

    @Test
    void colourOnATerminalButNeverWithNoColor() throws Exception {
        try (Tmux coloured = terminal(160, 50, List.of(), "--no-pager", "audit", "tail", "-n", "3")) {
            assertEquals(0, coloured.awaitExit(), coloured.screen());
            assertTrue(coloured.screen(true).contains("\033[1mSEQ"), "a bold header:\n" + coloured.screen(true));
        }
        try (Tmux plain = terminal(160, 50, List.of("NO_COLOR=1"), "--no-pager", "audit", "tail", "-n", "3")) {
            assertEquals(0, plain.awaitExit(), plain.screen());
            assertTrue(plain.screen().contains("SEQ"), plain.screen());
            assertFalse(plain.screen(true).contains("\033[1m"), plain.screen(true));
        }
    }

    @Test
    void longOutputGoesThroughThePagerAndShortOrDisabledDoesNot(@TempDir Path tmp) throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 300; i++) {
            text.append("line ").append(i).append('\n');
        }
        Path file = Files.writeString(tmp.resolve("long.txt"), text);
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (Tmux paged = terminal(100, 30, List.of("PAGER=less"), "do", "fs.read", "path=" + file)) {
            paged.await(screen -> screen.contains("line 20\n"));
            assertFalse(paged.screen().contains("[exit"), "less waits for the reader:\n" + paged.screen());
            assertFalse(paged.screen().contains("line 300"), paged.screen());
            paged.keys("G");
            paged.await(screen -> screen.contains("line 300"));
            paged.keys("q");
            assertEquals(0, paged.awaitExit());
        }
        for (List<String> unpaged : List.of(List.of("PAGER=cat"), List.of("LLMSH_PAGER="))) {
            try (Tmux direct = terminal(100, 30, unpaged, "do", "fs.read", "path=" + file)) {
                assertEquals(0, direct.awaitExit(), unpaged + "\n" + direct.screen());
                assertTrue(direct.screen().contains("  line 300\n"), direct.screen());
            }
        }
        try (Tmux disabled = terminal(100, 30, List.of("PAGER=less"), "--no-pager", "do", "fs.read", "path=" + file)) {
            assertEquals(0, disabled.awaitExit(), disabled.screen());
        }
    }

    @Test
    void tablesFitTheTerminalsWidthAndKeepEveryWord() throws Exception {
        JsonNode catalog = daemon.llmsh(null, "--json", "actions").json().path("actions");
        for (int columns : new int[] {100, 160}) {
            try (Tmux narrow = terminal(columns, 50, List.of(), "--no-pager", "actions")) {
                assertEquals(0, narrow.awaitExit(), narrow.screen());
                String screen = narrow.screen();
                for (String line : screen.lines().toList()) {
                    assertTrue(line.length() <= columns, columns + " columns: " + line);
                }
                String words = screen.replaceAll("\\s+", " ");
                for (JsonNode action : catalog) {
                    String description = action.path("description").asText().replaceAll("\\s+", " ");
                    assertTrue(words.contains(description), "whole at " + columns + " columns: " + description);
                }
            }
        }
    }

    @Test
    void promptsShowWhatChangesAndTheFullReasonBeforeAsking(@TempDir Path tmp) throws Exception {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path motd = Files.writeString(tmp.resolve("motd"), "old line\nsame\n");
        try (Tmux write = terminal(120, 50, List.of(), "do", "fs.write", "path=" + motd, "content=new line\nsame\n",
                "mode=overwrite")) {
            String screen = write.await(s -> s.contains("proceed? [y/N]"));
            assertTrue(screen.contains("confirmation required: changes need confirmation by default"), screen);
            assertTrue(screen.contains("undo:     yes: llmsh undo TXID takes it back once it ran"), screen);
            assertTrue(screen.contains("\n      -old line\n      +new line\n       same\n"), "the diff, line by line:\n" + screen);
            write.keys("n", "Enter");
            assertEquals(5, write.awaitExit());
        }
        assertEquals("old line\nsame\n", Files.readString(motd));

        // with output going to a file the question still comes on the terminal, and yes runs it
        Path out = tmp.resolve("out.txt");
        List<String> redirected = new ArrayList<>(List.of("sh", "-c", "\"$@\" > " + out, "sh"));
        redirected.addAll(daemon.llmshArgv(null, "do", "fs.write", "path=" + motd, "content=new\n", "mode=overwrite"));
        try (Tmux yes = Tmux.start("llmos-cli-yes", 120, 50, List.of("TERM=xterm-256color"), redirected)) {
            yes.await(s -> s.contains("proceed? [y/N]"));
            yes.keys("y", "Enter");
            assertEquals(0, yes.awaitExit(), yes.screen());
        }
        assertEquals("new\n", Files.readString(motd));
        assertTrue(Files.readString(out).contains("(undo with: llmsh undo tx-"), Files.readString(out));

        Path plan = tmp.resolve("purge.json");
        Files.writeString(plan, "{\"version\":1,\"request\":\"free the quarantine\",\"planner\":\"rules\",\"steps\":["
                + "{\"action\":\"fs.purge_quarantine\",\"params\":{\"older_than_days\":0},\"why\":\"free space\"}]}");
        try (Tmux apply = terminal(120, 50, List.of(), "apply", plan.toString())) {
            String screen = apply.await(s -> s.contains("proceed? [y/N]"));
            for (String shown : List.of("1. fs.purge_quarantine older_than_days=0", "what is freed can no longer be undone",
                    "undo:     no: this cannot be undone",
                    "reason:   destructive actions outside your home directory need confirmation")) {
                int at = screen.indexOf(shown);
                assertTrue(at >= 0 && at < screen.indexOf("proceed? [y/N]"), shown + " before the question:\n" + screen);
            }
            apply.keys("n", "Enter");
            assertEquals(5, apply.awaitExit());
        }
    }

    @Test
    void zshCompletesFromTheCatalog(@TempDir Path bin) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/zsh")), "needs zsh");
        Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwxr-xr-x"));
        Distribution.llmshLauncher(bin, daemon.socket);
        Path functions = Files.createDirectory(bin.resolve("functions"));
        Files.writeString(functions.resolve("_llmsh"), daemon.llmsh(null, "completion", "zsh").out());
        try (Tmux zsh = Tmux.start("llmos-zsh", 120, 40, List.of("TERM=xterm-256color", "PATH=" + bin + ":/usr/bin:/bin",
                "HOME=" + bin, "PS1=zsh> "), List.of("zsh", "-f"))) {
            zsh.await(s -> s.contains("zsh> "));
            zsh.keys("fpath=(" + functions + " $fpath); autoload -U compinit; compinit -u", "Enter");
            zsh.keys("llmsh do fs.li", "Tab");
            zsh.await(s -> s.contains("llmsh do fs.list"));
            zsh.keys(" pa", "Tab");
            zsh.await(s -> s.contains("llmsh do fs.list path="));
            zsh.keys("C-u", "llmsh stat", "Tab");
            zsh.await(s -> s.contains("llmsh status"));
        }
    }
}
