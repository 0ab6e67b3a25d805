package dev.llmos.e2e;

import dev.llmos.action.testkit.TestUsers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.protocol.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * proc.run through the root daemon on this machine (no systemd as pid 1: bubblewrap inside a cgroup):
 * a program denied by policy is refused in every spelling, an argument pattern is denied whatever the
 * program, the caller's own uid runs the program,
 * limits hold without touching the daemon, and a client that goes away (ctrl-c) cancels the run,
 * kills its process tree and is audited as cancelled.
 */
class ProcRunTest {
    private static DaemonProcess daemon;
    private static Path dir;
    private static TestUsers.User bob;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(TestUsers.isRoot(), "a root daemon and a second user need root");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/bwrap")), "needs bubblewrap");
        dir = Distribution.publicTempDir("llmos-e2e-proc");
        Path policy = dir.resolve("policy.toml");
        Files.writeString(policy, """
                [[rule]]
                id = "run-freely"
                actions = ["proc.run"]
                decision = "allow"
                reason = "the e2e test runs programs without asking"

                [[rule]]
                id = "no-rm"
                actions = ["proc.run"]
                paths = ["/usr/bin/rm"]
                decision = "deny"
                reason = "use fs.delete, which can be undone"

                [[rule]]
                id = "no-force"
                actions = ["proc.run"]
                params = { argv = ["* --force*"] }
                decision = "deny"
                reason = "nothing is forced from here"
                """);
        bob = TestUsers.ensure("llmos-bob");
        daemon = DaemonProcess.startIn(dir, "--policy", policy.toString());
    }

    @AfterAll
    static void stop() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    void aDeniedProgramIsRefusedInEverySpellingAndNothingIsDeleted() throws Exception {
        Path victim = Files.writeString(dir.resolve("victim.txt"), "keep me");
        Path link = dir.resolve("my-rm");
        Files.createSymbolicLink(link, Path.of("/usr/bin/rm"));
        for (String spelling : List.of("rm", "/bin/rm", "/usr/bin/rm", "/usr/bin/../bin/rm", link.toString())) {
            Run run = daemon.llmsh(null, "do", "proc.run", "argv=" + spelling + "," + victim);
            assertEquals(3, run.exit(), spelling + ": " + run);
            assertTrue(run.err().contains("fs.delete"), run.err());
        }
        assertEquals("keep me", Files.readString(victim));
    }

    @Test
    void anArgumentPatternIsDeniedWhateverTheProgram() throws Exception {
        Run forced = daemon.llmsh(null, "do", "proc.run", "argv=echo,--force");
        assertEquals(3, forced.exit(), forced.toString());
        assertTrue(forced.err().contains("nothing is forced"), forced.err());
        Run plain = daemon.llmsh(null, "--json", "do", "proc.run", "argv=echo,gently");
        assertEquals(0, plain.exit(), plain.toString());
        assertEquals("gently", plain.json().at("/output/stdout").asText().strip());
    }

    @Test
    void theProgramRunsAsTheCallerInTheSandbox() throws Exception {
        Run run = daemon.llmsh(bob, "--json", "do", "proc.run", "argv=id,-u");
        assertEquals(0, run.exit(), run + "\n" + daemon.logText());
        JsonNode output = run.json().path("output");
        assertEquals(Integer.toString(bob.uid()), output.path("stdout").asText().strip());
        assertTrue(output.path("sandbox").asText().startsWith("bwrap"), output.toString());
        Run shadow = daemon.llmsh(bob, "--json", "do", "proc.run", "argv=cat,/etc/shadow");
        assertEquals(1, shadow.exit(), "a program that fails makes llmsh exit 1: " + shadow);
        assertTrue(shadow.json().at("/output/exit_code").asInt() != 0);
        assertTrue(shadow.json().at("/output/stderr").asText().contains("Permission denied"), shadow.toString());
    }

    @Test
    void aMemoryHogIsKilledAtItsLimitAndTheDaemonServesOn() throws Exception {
        Run hog = daemon.llmsh(null, "--json", "do", "proc.run", "--params",
                "{\"argv\":[\"python3\",\"-c\",\"b=[]\\nwhile True: b.append(bytearray(1<<20))\"],\"memory_max_mb\":64}");
        JsonNode output = hog.json().path("output");
        assertEquals(output.path("exit_code").asInt() == 0 && output.path("killed_reason").isNull() ? 0 : 1, hog.exit(),
                hog.toString());
        if (output.at("/limits/enforced").asBoolean(true)) {
            assertEquals("memory", output.path("killed_reason").asText(), output.toString());
        }
        try (RpcClient client = daemon.connect()) {
            assertTrue(client.call("system.ping", null).at("/result/pong").asBoolean());
        }
    }

    @Test
    void aClientThatGoesAwayCancelsTheRunKillsItsTreeAndIsAuditedAsCancelled() throws Exception {
        String marker = "llmos-cancel-" + System.nanoTime();
        try (RpcClient client = daemon.connect()) {
            ObjectNode params = Json.MAPPER.createObjectNode().put("action", "proc.run");
            params.putObject("params").put("timeout_s", 120).putArray("argv").add("python3").add("-c")
                    .add("import time; time.sleep(600)").add(marker);
            String line = Json.toString(Json.MAPPER.createObjectNode().put("jsonrpc", "2.0").put("id", 1)
                    .put("method", "action.execute").set("params", params));
            client.sendLine(line);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (sleepers(marker) == 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            // the sandbox's own processes carry the argv too (bwrap and its pid-namespace init)
            assertTrue(sleepers(marker) > 0, "the program started");
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (sleepers(marker) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(0, sleepers(marker), "closing the connection killed the run's process tree");
        // the run's record is appended once its tree is gone, which may be a moment after the last process
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        Run audit = daemon.llmsh(null, "--json", "audit", "tail", "-n", "5");
        while (!cancelledRun(audit, marker) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            audit = daemon.llmsh(null, "--json", "audit", "tail", "-n", "5");
        }
        assertTrue(cancelledRun(audit, marker), audit.out());
    }

    private static boolean cancelledRun(Run audit, String marker) throws Exception {
        for (JsonNode record : audit.json().path("records")) {
            if (record.path("action").asText().equals("proc.run") && record.path("params").toString().contains(marker)
                    && record.path("outcome").asText().startsWith("cancelled")) {
                return true;
            }
        }
        return false;
    }

    private static long sleepers(String marker) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().arguments().map(a -> List.of(a).contains(marker)).orElse(false)).count();
    }
}
