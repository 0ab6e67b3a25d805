package dev.llmos.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmos.audit.AuditCaller;
import dev.llmos.audit.AuditEntry;
import dev.llmos.audit.AuditLog;
import dev.llmos.audit.AuditRecord;
import dev.llmos.protocol.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournaledAuditTest {
    @TempDir
    Path dir;

    private static AuditEntry write(String decision, String outcome, String txid) {
        return new AuditEntry(new AuditCaller(1000, "ann", 4242), "fs.write",
                Json.MAPPER.createObjectNode().put("path", "/home/ann/secret.txt").put("content", "the contents"),
                decision, "builtin.write", "changes need confirmation by default", outcome, txid, null);
    }

    /** the fields of a native-protocol datagram whose values have no newline. */
    private static Map<String, String> fields(byte[] datagram) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : new String(datagram, StandardCharsets.UTF_8).split("\n")) {
            int eq = line.indexOf('=');
            fields.put(line.substring(0, eq), line.substring(eq + 1));
        }
        return fields;
    }

    @Test
    void aDecisionIsWhoWhatDecisionOutcomeAndTxidButNeverWhatWasSent() throws Exception {
        try (AuditLog log = AuditLog.open(dir.resolve("audit"), InstantSource.fixed(Instant.parse("2026-12-06T10:00:00Z")))) {
            AuditRecord record = log.append(write("ask", "ok", "tx-1"));
            Map<String, String> fields = fields(JournaledAudit.message(record).bytes());
            assertEquals(Map.ofEntries(
                    Map.entry("MESSAGE", "ann (uid 1000) fs.write: ask, ok, txid tx-1"),
                    Map.entry("MESSAGE_ID", JournaledAudit.MESSAGE_ID),
                    Map.entry("PRIORITY", "6"),
                    Map.entry("SYSLOG_IDENTIFIER", "llm-osd"),
                    Map.entry("LLMOS_UID", "1000"),
                    Map.entry("LLMOS_USER", "ann"),
                    Map.entry("LLMOS_PID", "4242"),
                    Map.entry("LLMOS_ACTION", "fs.write"),
                    Map.entry("LLMOS_DECISION", "ask"),
                    Map.entry("LLMOS_OUTCOME", "ok"),
                    Map.entry("LLMOS_AUDIT_SEQ", Long.toString(record.seq())),
                    Map.entry("LLMOS_TXID", "tx-1"),
                    Map.entry("LLMOS_RULE", "builtin.write")), fields);
        }
    }

    @Test
    void aDenialIsANoticeAndARequestThatRanNothingHasNoTxid() throws Exception {
        try (AuditLog log = AuditLog.open(dir.resolve("audit"), InstantSource.system())) {
            Map<String, String> fields = fields(JournaledAudit.message(log.append(write("deny", "denied", null))).bytes());
            assertEquals("5", fields.get("PRIORITY"));
            assertEquals("ann (uid 1000) fs.write: deny, denied, txid -", fields.get("MESSAGE"));
            assertFalse(fields.containsKey("LLMOS_TXID"));
        }
    }

    @Test
    void withoutJournaldTheLogIsUsedAsItIs() throws Exception {
        try (AuditLog log = AuditLog.open(dir.resolve("audit"), InstantSource.system())) {
            assertSame(log, JournaledAudit.around(log, dir.resolve("no-journal-here")));
        }
    }

    @Test
    void aJournalThatCannotBeReachedNeverFailsTheRequest() throws Exception {
        // a path that exists but is no socket: every send fails (`ECONNREFUSED`), the record stays
        Path notASocket = Files.writeString(dir.resolve("socket"), "");
        try (AuditLog journaled = JournaledAudit.around(AuditLog.open(dir.resolve("audit"), InstantSource.system()), notASocket)) {
            AuditRecord first = journaled.append(write("ask", "ok", "tx-1"));
            AuditRecord second = journaled.append(write("ask", "ok", "tx-2"));
            assertEquals(first.seq() + 1, second.seq());
            assertEquals(2, journaled.tail(10, null).size());
            assertTrue(journaled.verify().ok());
        }
    }
}
