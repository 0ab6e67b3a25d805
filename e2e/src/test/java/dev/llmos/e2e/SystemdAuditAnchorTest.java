package dev.llmos.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * the audit anchor in a real journal: the installed, socket-activated daemon in the booted
 * container anchors its chain in journald (its default where journald listens). cutting the last
 * record and rewriting the head file while the daemon is stopped is caught on the next start, by
 * the point the journal holds; moving the broken log aside starts a new chain cleanly.
 */
class SystemdAuditAnchorTest {
    private static SystemdContainer container;

    @BeforeAll
    static void boot() throws Exception {
        assumeTrue(SystemdContainer.unavailable().isEmpty(), SystemdContainer.unavailable().orElse(""));
        container = SystemdContainer.get();
        container.installDaemon();
    }

    /** the container's audit directory, seen from this side through the container's root. */
    private static Path audit() {
        return Path.of("/proc", Long.toString(container.leader), "root/var/lib/llm-osd/audit");
    }

    private static JsonNode verify(int exit) throws Exception {
        Run run = container.llmsh(null, "--json", "audit", "verify");
        assertEquals(exit, run.exit(), run.toString());
        return run.json();
    }

    @Test
    void truncationWithARewrittenHeadIsCaughtByTheJournalAndANewChainStartsAfterTheOldIsMovedAside() throws Exception {
        for (int i = 0; i < 5; i++) {
            Run run = container.llmsh(null, "do", "fs.stat", "path=/tmp");
            assertEquals(0, run.exit(), run.toString());
        }
        JsonNode intact = verify(0);
        assertTrue(intact.get("anchor").asText().startsWith("journal: last point seq "), intact.toString());
        assertTrue(intact.get("anchor").asText().endsWith(", matches"), intact.toString());
        container.check("systemctl", "stop", "llm-osd.service");
        Run anchors = container.check("journalctl", "--no-pager", "-o", "cat", "MESSAGE_ID=5b0c6a2e8f4d4b3c9a1e7d2f6c8b0a41");
        assertTrue(anchors.out().contains("llm-osd audit anchor: close at seq "), anchors.out());

        Path last;
        try (Stream<Path> files = Files.list(audit())) {
            last = files.filter(p -> p.getFileName().toString().endsWith(".jsonl")).sorted().toList().getLast();
        }
        List<String> lines = new ArrayList<>(Files.readAllLines(last));
        assertTrue(lines.size() >= 2, "the active segment holds the requests above: " + lines.size());
        String dropped = lines.removeLast();
        Files.writeString(last, String.join("\n", lines) + "\n");
        JsonNode previous = RpcClient.params(lines.getLast());
        String head = "{\"seq\":" + previous.get("seq").asLong() + ",\"hash\":\"" + previous.get("hash").asText() + "\"}";
        Files.writeString(audit().resolve("audit.head"), head + " ".repeat(127 - head.length()) + "\n");

        JsonNode broken = verify(1);
        assertFalse(broken.get("ok").asBoolean());
        long cut = RpcClient.params(dropped).get("seq").asLong();
        assertTrue(broken.get("reason").asText().matches("the log ends at seq " + (cut - 1) + " but the anchor \\(journal, "
                + "close at .*\\) says seq " + cut + " was committed: records were removed from the end"), broken.toString());

        container.check("systemctl", "stop", "llm-osd.service");
        container.check("mv", "/var/lib/llm-osd/audit", "/var/lib/llm-osd/audit.broken-anchor-test");
        Run fresh = container.llmsh(null, "do", "fs.stat", "path=/tmp");
        assertEquals(0, fresh.exit(), fresh.toString());
        JsonNode restarted = verify(0);
        assertTrue(restarted.get("ok").asBoolean(), restarted.toString());
        assertTrue(container.check("journalctl", "--no-pager", "-o", "cat", "MESSAGE_ID=5b0c6a2e8f4d4b3c9a1e7d2f6c8b0a41")
                .out().contains("llm-osd audit anchor: created at seq 0"), "the new chain's creation is on record");
    }
}
