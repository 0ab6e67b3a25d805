package dev.llmos.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llmos.protocol.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** the on-disk line, byte for byte, so other tools can verify the chain independently. */
class RecordFormatTest {
    @TempDir
    Path dir;

    @Test
    void lineIsCanonicalJsonWithTheHashOfItAppended() throws Exception {
        AuditEntry entry = new AuditEntry(new AuditCaller(1000, "bob", 42), "fs.delete",
                Fixtures.json("{\"path\":\"/home/bob/x\",\"z\":1,\"a\":{\"y\":2,\"b\":[3,\"é\"]}}"), "ask",
                "builtin.destructive-home", "destructive actions inside your home directory need confirmation", "ok",
                "tx-1", Fixtures.json("{\"moved_to\":\"/q/1\",\"bytes\":12}"));
        String canonical = "{\"action\":\"fs.delete\",\"caller\":{\"pid\":42,\"uid\":1000,\"user\":\"bob\"},"
                + "\"changes\":{\"bytes\":12,\"moved_to\":\"/q/1\"},\"decision\":\"ask\",\"outcome\":\"ok\","
                + "\"params\":{\"a\":{\"b\":[3,\"é\"],\"y\":2},\"path\":\"/home/bob/x\",\"z\":1},"
                + "\"prev\":\"" + AuditRecord.GENESIS + "\","
                + "\"reason\":\"destructive actions inside your home directory need confirmation\","
                + "\"rule\":\"builtin.destructive-home\",\"seq\":1,\"time\":\"2025-01-02T03:04:05Z\",\"txid\":\"tx-1\"}";
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(canonical.getBytes(StandardCharsets.UTF_8)));

        AuditRecord record;
        try (AuditLog log = AuditLog.open(dir, Fixtures.ticking())) {
            record = log.append(entry);
        }

        assertEquals(canonical.substring(0, canonical.length() - 1) + ",\"hash\":\"" + hash + "\"}\n",
                Files.readString(Fixtures.segment(dir, 1), StandardCharsets.UTF_8));
        assertEquals(new AuditRecord(1, Fixtures.START, entry, AuditRecord.GENESIS, hash), record);
        assertEquals(Json.MAPPER.readTree(Files.readString(Fixtures.segment(dir, 1), StandardCharsets.UTF_8)),
                Json.MAPPER.readTree(Json.toString(record)), "serialized, a record is the stored json object");
        String head = Files.readString(dir.resolve("audit.head"), StandardCharsets.US_ASCII);
        assertEquals("{\"seq\":1,\"hash\":\"" + hash + "\"}", head.trim());
        assertEquals(128, head.length());
    }

    @Test
    void nullParamsAndNoChangesAreWrittenAsNullAndOmitted() throws Exception {
        AuditEntry entry = new AuditEntry(new AuditCaller(0, "root", 0), "system.ping", null, "allow", null, null,
                "ok", null, null);
        try (AuditLog log = AuditLog.open(dir, Fixtures.ticking())) {
            log.append(entry);
            assertEquals(entry, log.tail(1, null).getFirst().entry());
        }
        String line = Files.readString(Fixtures.segment(dir, 1), StandardCharsets.UTF_8);
        assertEquals("{\"action\":\"system.ping\",\"caller\":{\"pid\":0,\"uid\":0,\"user\":\"root\"},"
                + "\"decision\":\"allow\",\"outcome\":\"ok\",\"params\":null,\"prev\":\"" + AuditRecord.GENESIS
                + "\",\"reason\":null,\"rule\":null,\"seq\":1,\"time\":\"2025-01-02T03:04:05Z\",\"txid\":null,",
                line.substring(0, line.indexOf("\"hash\"")));
    }
}
