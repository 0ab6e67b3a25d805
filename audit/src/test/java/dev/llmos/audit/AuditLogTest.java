package dev.llmos.audit;

import static dev.llmos.audit.Fixtures.entry;
import static dev.llmos.audit.Fixtures.lines;
import static dev.llmos.audit.Fixtures.segment;
import static dev.llmos.audit.Fixtures.ticking;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {
    @TempDir
    Path dir;

    private List<AuditRecord> appendTen() throws IOException {
        List<AuditRecord> records = new ArrayList<>();
        try (AuditLog log = AuditLog.open(dir, ticking())) {
            for (int i = 1; i <= 10; i++) {
                records.add(log.append(entry(1000 + i % 2, "fs.list", i)));
            }
        }
        return records;
    }

    private VerifyResult reopenAndVerify() throws IOException {
        try (AuditLog log = AuditLog.open(dir, ticking())) {
            return log.verify();
        }
    }

    @Test
    void recordsChainFromGenesisAndTailNewestLast() throws IOException {
        List<AuditRecord> records = appendTen();
        assertEquals(AuditRecord.GENESIS, records.getFirst().prev());
        for (int i = 1; i < records.size(); i++) {
            assertEquals(i + 1, records.get(i).seq());
            assertEquals(records.get(i - 1).hash(), records.get(i).prev());
            assertEquals(Fixtures.START.plusSeconds(i), records.get(i).time());
        }
        try (AuditLog log = AuditLog.open(dir, ticking())) {
            assertEquals(records.subList(7, 10), log.tail(3, null));
            assertEquals(List.of(records.get(5), records.get(7), records.get(9)), log.tail(3, 1000));
            assertEquals(List.of(records.get(0), records.get(2), records.get(4), records.get(6), records.get(8)),
                    log.tail(100, 1001));
            assertEquals(List.of(), log.tail(0, null));
            assertEquals(List.of(), log.tail(5, 4242));
            assertEquals(VerifyResult.intact(10), log.verify());
            assertEquals(Optional.empty(), log.sealed());
            AuditRecord next = log.append(entry(1000, "fs.stat", 11));
            assertEquals(records.getLast().hash(), next.prev());
            assertEquals(11, next.seq());
        }
    }

    @Test
    void anEmptyLogVerifies() throws IOException {
        assertEquals(VerifyResult.intact(0), reopenAndVerify());
        assertEquals(VerifyResult.intact(0), reopenAndVerify());
    }

    @Test
    void editedFieldIsDetected() throws IOException {
        appendTen();
        List<String> lines = lines(segment(dir, 1));
        lines.set(4, lines.get(4).replace("\"decision\":\"allow\"", "\"decision\":\"deny\""));
        Fixtures.write(segment(dir, 1), lines);
        assertEquals(VerifyResult.broken(10, 4, "record 4 does not match its hash: it was edited"), reopenAndVerify());
    }

    @Test
    void deletedLineIsDetected() throws IOException {
        appendTen();
        List<String> lines = lines(segment(dir, 1));
        lines.remove(4);
        Fixtures.write(segment(dir, 1), lines);
        assertEquals(VerifyResult.broken(9, 4, "record 4 has seq 6 where 5 belongs: records were deleted, inserted"
                + " or reordered"), reopenAndVerify());
    }

    @Test
    void insertedCopyIsDetected() throws IOException {
        appendTen();
        List<String> lines = lines(segment(dir, 1));
        lines.add(5, lines.get(2));
        Fixtures.write(segment(dir, 1), lines);
        assertEquals(VerifyResult.broken(11, 5, "record 5 has seq 3 where 6 belongs: records were deleted, inserted"
                + " or reordered"), reopenAndVerify());
    }

    @Test
    void insertedForgeryWithAValidHashIsDetected() throws IOException {
        List<AuditRecord> records = appendTen();
        List<String> lines = lines(segment(dir, 1));
        RecordCodec.Encoded forged = RecordCodec.encode(6, Fixtures.START, entry(0, "fs.delete", 99),
                records.get(4).hash(), RecordCodec.sha256());
        lines.add(5, new String(forged.line(), StandardCharsets.UTF_8).trim());
        Fixtures.write(segment(dir, 1), lines);
        assertEquals(VerifyResult.broken(11, 6, "record 6 has seq 6 where 7 belongs: records were deleted, inserted"
                + " or reordered"), reopenAndVerify());
    }

    @Test
    void swappedLinesAreDetected() throws IOException {
        appendTen();
        List<String> lines = lines(segment(dir, 1));
        lines.set(3, lines.set(4, lines.get(3)));
        Fixtures.write(segment(dir, 1), lines);
        assertEquals(VerifyResult.broken(10, 3, "record 3 has seq 5 where 4 belongs: records were deleted, inserted"
                + " or reordered"), reopenAndVerify());
    }

    @Test
    void deletionWithRenumberedAndRehashedRecordsIsDetectedByTheLinks() throws IOException {
        appendTen();
        List<String> lines = lines(segment(dir, 1));
        lines.remove(4);
        for (int i = 4; i < lines.size(); i++) {
            AuditRecord original = RecordCodec.decode(lines.get(i).getBytes(StandardCharsets.UTF_8), 0,
                    lines.get(i).getBytes(StandardCharsets.UTF_8).length);
            lines.set(i, new String(RecordCodec.encode(i + 1, original.time(), original.entry(), original.prev(),
                    RecordCodec.sha256()).line(), StandardCharsets.UTF_8).trim());
        }
        Fixtures.write(segment(dir, 1), lines);
        assertEquals(VerifyResult.broken(9, 4, "record 4 does not link to the record before it: records were deleted,"
                + " inserted or reordered"), reopenAndVerify());
    }

    @Test
    void truncationAtTheEndIsDetectedAndSealsTheLog() throws IOException {
        appendTen();
        List<String> lines = lines(segment(dir, 1));
        Fixtures.write(segment(dir, 1), lines.subList(0, 7));
        try (AuditLog log = AuditLog.open(dir, ticking())) {
            assertEquals(VerifyResult.broken(7, 7, "the log ends after 7 records but the head file says 10 were"
                    + " committed: records were removed from the end"), log.verify());
            AuditException refused = assertThrows(AuditException.class, () -> log.append(entry(1000, "fs.list", 11)));
            assertEquals("the audit log in " + dir + " failed its check on open: the log ends at seq 7 but the head"
                    + " file says 10 were committed: records were removed from the end; verify it, then move it aside"
                    + " to start a new chain", refused.getMessage());
            assertEquals(3, log.tail(3, null).size());
            assertEquals(Optional.of("the log ends at seq 7 but the head file says 10 were committed: records were"
                    + " removed from the end"), log.sealed());
        }
        assertEquals(7, lines(segment(dir, 1)).size());
    }

    @Test
    void replacedLastRecordIsDetected() throws IOException {
        appendTen();
        List<String> lines = lines(segment(dir, 1));
        AuditRecord ninth = RecordCodec.decode(lines.get(8).getBytes(StandardCharsets.UTF_8), 0,
                lines.get(8).getBytes(StandardCharsets.UTF_8).length);
        lines.set(9, new String(RecordCodec.encode(10, Fixtures.START, entry(0, "fs.delete", 77), ninth.hash(),
                RecordCodec.sha256()).line(), StandardCharsets.UTF_8).trim());
        Fixtures.write(segment(dir, 1), lines);
        assertEquals(VerifyResult.broken(10, 9, "the last record does not match the head file: the end of the log was"
                + " replaced"), reopenAndVerify());
    }

    @Test
    void missingHeadFileIsDetected() throws IOException {
        appendTen();
        Files.delete(dir.resolve("audit.head"));
        assertEquals(VerifyResult.broken(10, 10, "the head file is missing or unreadable, so removal of the last records"
                + " cannot be ruled out"), reopenAndVerify());
    }

    @Test
    void garbageLineIsDetected() throws IOException {
        appendTen();
        Files.writeString(segment(dir, 1), "hello\n", StandardOpenOption.APPEND);
        assertEquals(VerifyResult.broken(11, 10, "record 10 is not a hashed audit record"), reopenAndVerify());
    }

    @Test
    void tornFinalLineIsTruncatedOnOpenAndTheChainContinues() throws IOException {
        List<AuditRecord> records = appendTen();
        byte[] whole = Files.readAllBytes(segment(dir, 1));
        String torn = lines(segment(dir, 1)).get(3).substring(0, 57);
        Files.writeString(segment(dir, 1), torn, StandardOpenOption.APPEND);
        try (AuditLog log = AuditLog.open(dir, ticking())) {
            assertEquals(whole.length, Files.size(segment(dir, 1)));
            assertEquals(VerifyResult.intact(10), log.verify());
            assertEquals(records.getLast().hash(), log.append(entry(1000, "fs.list", 11)).prev());
            assertEquals(VerifyResult.intact(11), log.verify());
        }
    }

    @Test
    void headBehindTheLogIsMovedForwardWhenTheChainLinksThem() throws IOException {
        List<AuditRecord> records = appendTen();
        String head = "{\"seq\":7,\"hash\":\"" + records.get(6).hash() + "\"}";
        Files.writeString(dir.resolve("audit.head"), head + " ".repeat(127 - head.length()) + "\n");
        assertEquals(VerifyResult.intact(10), reopenAndVerify());
        String wrong = "{\"seq\":7,\"hash\":\"" + records.get(5).hash() + "\"}";
        Files.writeString(dir.resolve("audit.head"), wrong + " ".repeat(127 - wrong.length()) + "\n");
        try (AuditLog log = AuditLog.open(dir, ticking())) {
            assertThrows(AuditException.class, () -> log.append(entry(1000, "fs.list", 11)));
            assertEquals(Optional.of("the record at seq 7 does not match the head file"), log.sealed());
            assertEquals(VerifyResult.broken(10, 7, "the head file says 7 records were committed but the log has 10:"
                    + " the head file was changed or records were appended outside the log"), log.verify());
        }
    }

    @Test
    void rotationKeepsTheChainAcrossFiles() throws IOException {
        List<AuditRecord> records = new ArrayList<>();
        try (AuditLog log = AuditLog.open(dir, ticking(), 1500)) {
            for (int i = 1; i <= 40; i++) {
                records.add(log.append(entry(1000, "fs.list", i)));
            }
            assertEquals(VerifyResult.intact(40), log.verify());
            assertEquals(records.subList(25, 40), log.tail(15, null));
        }
        List<Segments.Segment> segments = Segments.list(dir);
        assertTrue(segments.size() >= 8, "rotated into " + segments.size() + " files");
        for (Segments.Segment segment : segments) {
            assertTrue(segment.size() <= 1500, segment + " is too big");
        }
        String firstLine = lines(segment(dir, 2)).getFirst();
        byte[] first = firstLine.getBytes(StandardCharsets.UTF_8);
        AuditRecord firstOfSecond = RecordCodec.decode(first, 0, first.length);
        assertEquals(records.get((int) firstOfSecond.seq() - 2).hash(), firstOfSecond.prev(),
                "the first record of a file chains to the last of the previous one");
        try (AuditLog log = AuditLog.open(dir, ticking(), 1500)) {
            assertEquals(41, log.append(entry(1000, "fs.list", 41)).seq());
            assertEquals(VerifyResult.intact(41), log.verify());
        }
        long before = lines(segment(dir, 1)).size() + lines(segment(dir, 2)).size();
        Files.delete(segment(dir, 3));
        assertEquals(VerifyResult.broken(before, before,
                "audit-00000003.jsonl is missing: records before audit-00000004.jsonl were removed"), reopenAndVerify());
    }

    @Test
    void tamperingInsideAndAcrossRotatedFilesIsDetectedAtTheRightRecord() throws IOException {
        try (AuditLog log = AuditLog.open(dir, ticking(), 1500)) {
            for (int i = 1; i <= 40; i++) {
                log.append(entry(1000, "fs.list", i));
            }
        }
        List<String> second = lines(segment(dir, 2));
        List<String> third = lines(segment(dir, 3));
        long offset = lines(segment(dir, 1)).size() + second.size();

        List<String> edited = new ArrayList<>(third);
        edited.set(1, edited.get(1).replace("\"fs.list\"", "\"fs.read\""));
        Fixtures.write(segment(dir, 3), edited);
        assertEquals(VerifyResult.broken(40, offset + 1, "record " + (offset + 1) + " does not match its hash: it was"
                + " edited"), reopenAndVerify());

        Fixtures.write(segment(dir, 3), third.subList(1, third.size()));
        assertEquals(VerifyResult.broken(39, offset, "record " + offset + " has seq " + (offset + 2) + " where "
                + (offset + 1) + " belongs: records were deleted, inserted or reordered"), reopenAndVerify());

        List<String> swappedSecond = new ArrayList<>(second);
        List<String> swappedThird = new ArrayList<>(third);
        swappedSecond.set(second.size() - 1, third.getFirst());
        swappedThird.set(0, second.getLast());
        Fixtures.write(segment(dir, 2), swappedSecond);
        Fixtures.write(segment(dir, 3), swappedThird);
        assertEquals(VerifyResult.broken(40, offset - 1, "record " + (offset - 1) + " has seq " + (offset + 1)
                + " where " + offset + " belongs: records were deleted, inserted or reordered"), reopenAndVerify());

        Fixtures.write(segment(dir, 2), second);
        Fixtures.write(segment(dir, 3), third);
        assertEquals(VerifyResult.intact(40), reopenAndVerify());
    }

    @Test
    void concurrentAppendsFrom64ThreadsAreAllPresentAndChained() throws Exception {
        int threads = 64;
        int each = 100;
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        try (AuditLog log = AuditLog.open(dir, ticking(), 256 * 1024);
                ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < each; i++) {
                        AuditRecord record = log.append(entry(thread, "fs.list", i));
                        acknowledged.add(record.entry().txid() + "@" + thread);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get();
            }
            assertEquals(VerifyResult.intact((long) threads * each), log.verify());
            Set<String> stored = new HashSet<>();
            for (AuditRecord record : log.tail(threads * each, null)) {
                stored.add(record.entry().txid() + "@" + record.entry().caller().uid());
            }
            assertEquals(acknowledged, stored);
            assertEquals(threads * each, stored.size());
        }
    }

    @Test
    void aSecondOpenIsRefusedWhileTheFirstHoldsTheLock() throws IOException {
        try (AuditLog log = AuditLog.open(dir, ticking())) {
            AuditException e = assertThrows(AuditException.class, () -> AuditLog.open(dir, ticking()));
            assertEquals("another process has the audit log in " + dir + " open", e.getMessage());
            log.append(entry(1, "fs.list", 1));
        }
        assertEquals(VerifyResult.intact(1), reopenAndVerify());
    }

    /** a value jackson cannot write. */
    public static final class Unwritable {
        public String getValue() {
            throw new IllegalStateException("boom");
        }
    }

    @Test
    void aFailedBatchSealsTheLogAndWritesNothing() throws IOException {
        try (AuditLog log = AuditLog.open(dir, ticking())) {
            log.append(entry(1, "fs.list", 1));
            AuditEntry bad = new AuditEntry(new AuditCaller(1, "u", 1), "fs.list",
                    JsonNodeFactory.instance.pojoNode(new Unwritable()), "allow", null, null, "ok", null, null);
            AuditException failed = assertThrows(AuditException.class, () -> log.append(bad));
            assertTrue(failed.getMessage().startsWith("writing the audit log in " + dir + " failed, so it is sealed: "),
                    failed.getMessage());
            assertThrows(AuditException.class, () -> log.append(entry(1, "fs.list", 2)));
            assertEquals(Optional.of(failed.getMessage()), log.sealed());
        }
        try (AuditLog log = AuditLog.open(dir, ticking())) {
            assertEquals(VerifyResult.intact(1), log.verify());
            assertEquals(2, log.append(entry(1, "fs.list", 2)).seq());
        }
    }

    @Test
    void aClosedLogRefusesAppends() throws IOException {
        AuditLog log = AuditLog.open(dir, ticking());
        log.close();
        AuditException e = assertThrows(AuditException.class, () -> log.append(entry(1, "fs.list", 1)));
        assertEquals("the audit log in " + dir + " is closed", e.getMessage());
    }

    @Test
    void createsItsDirectoryPrivate() throws IOException {
        Path nested = dir.resolve("state/audit");
        try (AuditLog log = AuditLog.open(nested, ticking())) {
            log.append(entry(1, "fs.list", 1));
        }
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(nested)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(segment(nested, 1))));
    }
}
