package dev.llmos.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.audit.AuditCaller;
import dev.llmos.audit.AuditEntry;
import dev.llmos.audit.AuditLog;
import dev.llmos.audit.AuditRecord;
import dev.llmos.protocol.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BoundedAuditTest {
    @TempDir
    Path dir;

    private final Instant[] now = {Instant.parse("2026-12-01T10:00:00Z")};
    private final Limits limits = new Limits(10, 3, 4, 999, 16, 2, 64, Duration.ofSeconds(300), 1024, 1L << 20, 65536,
            Duration.ofHours(1), Path.of("/etc/llm-os/planner.toml"));

    private static AuditEntry entry(int uid, JsonNode params, String outcome) {
        return new AuditEntry(new AuditCaller(uid, "u" + uid, 1), "proc.run", params, "ask", "builtin.run", "asks",
                outcome, "tx-1", null);
    }

    /** an argv of 256 strings of 255 characters: each string is short enough to keep, together 65 kb. */
    private static ObjectNode bigArgv() {
        ObjectNode params = Json.MAPPER.createObjectNode();
        ArrayNode argv = params.putArray("argv");
        for (int i = 0; i < 256; i++) {
            argv.add(Character.toString('a' + i % 26).repeat(255));
        }
        return params;
    }

    @Test
    void largeParamsAreRecordedAsTheirSizeAndDigestAndChargedToTheirCaller() throws Exception {
        Fairness fairness = new Fairness(limits, () -> now[0]);
        try (AuditLog log = new BoundedAudit(AuditLog.open(dir.resolve("audit"), () -> now[0]), fairness, 1024)) {
            ObjectNode params = bigArgv();
            AuditRecord record = log.append(entry(1001, params, "confirmation_required"));
            byte[] canonical = Json.canonical(params).getBytes(StandardCharsets.UTF_8);
            assertEquals(Json.MAPPER.createObjectNode().put("omitted", "larger than audit_params_max_bytes (1024)")
                    .put("size", canonical.length).put("sha256",
                            HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical))),
                    record.entry().params());
            long line = Files.size(dir.resolve("audit/audit-00000001.jsonl"));
            assertTrue(line < 1024, "the record is " + line + " bytes, not 65 kb");
            assertEquals(65536 - line, unconfirmed(fairness, 1001));
            assertEquals(65536, unconfirmed(fairness, 1002));
            ObjectNode small = Json.MAPPER.createObjectNode().put("path", "/home/u/x");
            assertEquals(small, log.append(entry(1001, small, "ok")).entry().params());
            assertEquals(65536 - line, unconfirmed(fairness, 1001), "a request that ran is not charged to the smaller budget");
            long both = Files.size(dir.resolve("audit/audit-00000001.jsonl"));
            assertEquals((1L << 20) - both, fairness.usage(1001).auditBytes().remaining(),
                    "but every record is charged to the larger one");
            log.append(entry(1001, small, "denied: from a sandbox"));
            assertEquals(65536 - (Files.size(dir.resolve("audit/audit-00000001.jsonl")) - both) - line,
                    unconfirmed(fairness, 1001), "a denial of any kind changes nothing");
            assertTrue(log.verify().ok());
        }
    }

    private static long unconfirmed(Fairness fairness, int uid) {
        return fairness.usage(uid).auditUnconfirmedBytes().remaining();
    }
}
