package dev.llmos.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** a daemon reloads its policy on sighup, and keeps the last good one when the new one is broken. */
class PolicyReloadTest {
    private static String decision(DaemonProcess daemon, String path) throws Exception {
        Run run = daemon.llmsh(null, "--json", "policy", "check", "fs.read", "path=" + path);
        assertEquals(0, run.exit(), run.toString());
        return run.json().get("decision").asText();
    }

    private static void hangup(DaemonProcess daemon, String expectInLog) throws Exception {
        Run.of(List.of("kill", "-HUP", Long.toString(daemon.process.pid())));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!daemon.logText().contains(expectInLog) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(daemon.logText().contains(expectInLog), daemon.logText());
    }

    @Test
    void sighupReloadsAndABrokenFileKeepsTheLastGoodPolicy() throws Exception {
        Path dir = Distribution.publicTempDir("llmos-e2e-policy");
        Path policy = dir.resolve("policy.toml");
        // started with sighup ignored (as under nohup): the daemon still takes it as "reload"
        try (DaemonProcess daemon = DaemonProcess.startUnderNohup(dir, "--policy", policy.toString())) {
            assertEquals("allow", decision(daemon, "/srv/secret"));

            Files.writeString(policy, """
                    [[rule]]
                    id = "no-secret-reads"
                    actions = ["fs.read"]
                    paths = ["/srv/secret"]
                    decision = "deny"
                    reason = "secrets are not read through llm-os"
                    """);
            hangup(daemon, "policy reloaded");
            assertEquals("deny", decision(daemon, "/srv/secret"));
            assertEquals("allow", decision(daemon, "/srv/public"));

            Files.writeString(policy, "[[rule]]\nid = \"broken\"\ndecision = \"maybe\"\n");
            hangup(daemon, "policy reload failed");
            assertTrue(daemon.logText().contains(policy.toString()), "the error names the file: " + daemon.logText());
            assertEquals("deny", decision(daemon, "/srv/secret"), "the last good policy stays in force");
        }
    }
}
