package dev.llmos.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** llmsh as a user runs it: real process, real daemon, documented exit codes and output. */
class ShellTest {
    private static DaemonProcess daemon;

    @BeforeAll
    static void start() throws Exception {
        daemon = DaemonProcess.start();
    }

    @AfterAll
    static void stop() throws Exception {
        daemon.close();
    }

    @Test
    void doRunsATypedActionAndRendersIt(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("b.txt"), "hello");
        Files.createDirectory(dir.resolve("a-dir"));
        Run run = daemon.llmsh(null, "do", "fs.list", "path=" + dir);
        assertEquals(0, run.exit(), run.toString());
        List<String> lines = run.out().lines().toList();
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("NAME") || l.trim().startsWith("NAME")), run.out());
        int dirLine = indexOf(lines, "a-dir");
        int fileLine = indexOf(lines, "b.txt");
        assertTrue(dirLine >= 0 && fileLine > dirLine, "entries sorted by name:\n" + run.out());
    }

    @Test
    void aOneShotCommandSetsUpItsSocketWithoutTheSecurityProviders(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        // the launcher exports the jdk's provider list to llmsh, which then never instantiates the `SUN`
        // provider behind the unix socket's generator (`dev.llmos.shell.UnixSockets`): 12 ms of a one-shot run
        Path log = dir.resolve("init.log");
        Run run = daemon.llmsh(null, Map.of("JAVA_TOOL_OPTIONS", "-Xlog:class+init=info:file=" + log), "do", "sys.info");
        assertEquals(0, run.exit(), run.toString());
        assertTrue(run.out().contains("hostname:"), run.out());
        String inits = Files.readString(log);
        assertTrue(inits.contains("'sun/nio/ch/UnixDomainSockets'"), "the log covers the socket's set-up");
        assertFalse(inits.contains("'sun/security/provider/Sun'"), "SUN was instantiated by a one-shot command");
    }

    private static int indexOf(List<String> lines, String word) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(word)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void jsonPrintsTheResultDocument() throws Exception {
        Run run = daemon.llmsh(null, "--json", "do", "fs.stat", "path=/etc/hostname");
        assertEquals(0, run.exit(), run.toString());
        JsonNode result = run.json();
        assertEquals("ok", result.get("status").asText());
        assertEquals(Files.size(Path.of("/etc/hostname")), result.at("/output/size").asLong());
    }

    @Test
    void keyValuesAreTypedByTheSchema(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        for (int i = 0; i < 5; i++) {
            Files.writeString(dir.resolve("f" + i), "x");
        }
        Files.writeString(dir.resolve(".hidden"), "x");
        Run run = daemon.llmsh(null, "--json", "do", "fs.list", "path=" + dir, "limit=2", "hidden=yes");
        assertEquals(0, run.exit(), run.toString());
        JsonNode output = run.json().get("output");
        assertEquals(2, output.get("entries").size());
        assertEquals(".hidden", output.at("/entries/0/name").asText());
    }

    @Test
    void usageErrorsExitTwo() throws Exception {
        Run unknown = daemon.llmsh(null, "do", "fs.nuke");
        assertEquals(2, unknown.exit(), unknown.toString());
        assertTrue(unknown.err().contains("unknown action: fs.nuke"), unknown.err());

        Run badNumber = daemon.llmsh(null, "do", "fs.list", "path=/", "limit=lots");
        assertEquals(2, badNumber.exit(), badNumber.toString());
        assertTrue(badNumber.err().contains("limit: expected an integer, got 'lots'"), badNumber.err());

        Run hallucinated = daemon.llmsh(null, "--json", "do", "fs.list", "path=/", "recursive=true");
        assertEquals(2, hallucinated.exit(), hallucinated.toString());
        assertEquals("/params/params/recursive", hallucinated.json().at("/data/pointer").asText());

        Run badJson = daemon.llmsh(null, "do", "fs.list", "--params", "{not json");
        assertEquals(2, badJson.exit(), badJson.toString());

        Run badOption = daemon.llmsh(null, "--frobnicate", "status");
        assertEquals(2, badOption.exit(), badOption.toString());
    }

    @Test
    void aFailedActionExitsOne() throws Exception {
        Run run = daemon.llmsh(null, "do", "fs.read", "path=/nonexistent/file");
        assertEquals(1, run.exit(), run.toString());
        assertTrue(run.err().contains("/nonexistent/file"), run.err());
    }

    @Test
    void noDaemonExitsFour(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Run run = Run.of(Distribution.llmsh("--socket", dir.resolve("none.sock").toString(), "--no-autostart", "status"));
        assertEquals(4, run.exit(), run.toString());
        assertTrue(run.err().contains("no daemon answers"), run.err());
    }

    @Test
    void actionsAndDescribeShowTheCatalog() throws Exception {
        Run actions = daemon.llmsh(null, "actions");
        assertEquals(0, actions.exit(), actions.toString());
        assertTrue(actions.out().lines().anyMatch(l -> l.startsWith("fs.read") && l.contains("read")), actions.out());
        Run describe = daemon.llmsh(null, "describe", "fs.read");
        assertEquals(0, describe.exit(), describe.toString());
        assertTrue(describe.out().contains("max_bytes"), describe.out());
        assertTrue(describe.out().contains("examples:"), describe.out());
        Run unknown = daemon.llmsh(null, "describe", "fs.nope");
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("did you mean"), unknown.err());
    }

    @Test
    void autostartsAUserDaemonWhenNoneRuns() throws Exception {
        Path home = Distribution.publicTempDir("llmos-e2e-home");
        Path bin = Files.createDirectories(home.resolve("bin"));
        Path launcher = bin.resolve("llm-osd");
        // the packaged launcher builds from a checkout; here it is the same daemon from the tested jars
        StringBuilder script = new StringBuilder("#!/bin/sh\nexec");
        for (String word : Distribution.daemon()) {
            script.append(" '").append(word.replace("'", "'\\''")).append("'");
        }
        script.append(" --state-dir '").append(home.resolve("state")).append("' \"$@\"\n");
        Files.writeString(launcher, script);
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path socket = home.resolve("run").resolve("llm-osd.sock");
        Map<String, String> env = Map.of("LLMOS_HOME", home.toString(), "XDG_STATE_HOME", home.resolve("xdg").toString());
        Run run = Run.of(Distribution.llmsh("--socket", socket.toString(), "--json", "status"), env);
        assertEquals(0, run.exit(), run.toString());
        JsonNode status = run.json();
        long pid = status.get("pid").asLong();
        try {
            assertEquals(socket.toString(), status.get("socket").asText());
            Run again = Run.of(Distribution.llmsh("--socket", socket.toString(), "--json", "status"), env);
            assertEquals(pid, again.json().get("pid").asLong(), "the second call reuses the running daemon");
        } finally {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
            ProcessHandle.of(pid).ifPresent(p -> p.onExit().orTimeout(10, TimeUnit.SECONDS).join());
        }
    }
}
