package dev.llmos.audit;

import static dev.llmos.audit.Fixtures.entry;
import static dev.llmos.audit.Fixtures.lines;
import static dev.llmos.audit.Fixtures.segment;
import static dev.llmos.audit.Fixtures.ticking;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** retention behind a checkpoint, and the anchor that catches records cut together with the files that describe them. */
class RetentionAndAnchorTest {
    private static final long SEGMENT = 1500;

    @TempDir
    Path root;

    private Path dir() {
        return root.resolve("audit");
    }

    private Path anchorFile() {
        return root.resolve("audit.anchor");
    }

    private AuditOptions retaining() {
        return AuditOptions.DEFAULTS.withRotateBytes(SEGMENT).withRetainBytes(3 * SEGMENT);
    }

    private AuditOptions anchored(AuditOptions options) {
        return options.withAnchor(AuditAnchor.file(anchorFile()), Duration.ZERO);
    }

    private List<AuditRecord> append(AuditOptions options, int from, int to) throws IOException {
        List<AuditRecord> records = new ArrayList<>();
        try (AuditLog log = AuditLog.open(dir(), ticking(), options)) {
            for (int i = from; i <= to; i++) {
                records.add(log.append(entry(1000, "fs.list", i)));
            }
        }
        return records;
    }

    private VerifyResult reopenAndVerify(AuditOptions options) throws IOException {
        try (AuditLog log = AuditLog.open(dir(), ticking(), options)) {
            return log.verify();
        }
    }

    private static AuditRecord firstRecord(Path segment) throws IOException {
        byte[] line = lines(segment).getFirst().getBytes(StandardCharsets.UTF_8);
        return RecordCodec.decode(line, 0, line.length);
    }

    private static void rewriteHead(Path dir, long seq, String hash) throws IOException {
        String head = "{\"seq\":" + seq + ",\"hash\":\"" + hash + "\"}";
        Files.writeString(dir.resolve("audit.head"), head + " ".repeat(127 - head.length()) + "\n");
    }

    @Test
    void retentionKeepsTheLogBoundedAndVerifyStillProvesTheKeptPart() throws IOException {
        List<AuditRecord> records = append(retaining(), 1, 200);
        List<Segments.Segment> kept = Segments.list(dir());
        long bytes = kept.stream().mapToLong(Segments.Segment::size).sum();
        assertTrue(bytes <= 4 * SEGMENT, "kept " + bytes + " bytes in " + kept.size() + " files");
        assertTrue(kept.getFirst().number() > 1, "old segments were dropped: " + kept);
        Checkpoint checkpoint = Checkpoint.read(dir());
        AuditRecord first = firstRecord(kept.getFirst().path());
        assertEquals(checkpoint.seq() + 1, first.seq());
        assertEquals(checkpoint.hash(), first.prev());
        assertEquals(records.getFirst().hash(), checkpoint.chain());
        VerifyResult verified = reopenAndVerify(retaining());
        assertEquals(VerifyResult.intact(200).retainedFrom(first.seq()), verified);
        try (AuditLog log = AuditLog.open(dir(), ticking(), retaining())) {
            assertEquals(records.subList(190, 200), log.tail(10, null));
            assertEquals(201, log.append(entry(1000, "fs.list", 201)).seq());
        }
    }

    @Test
    void anEditInTheKeptPartIsStillCaught() throws IOException {
        append(retaining(), 1, 200);
        Path first = Segments.list(dir()).getFirst().path();
        List<String> lines = lines(first);
        lines.set(1, lines.get(1).replace("fs.list", "fs.lisp"));
        Fixtures.write(first, lines);
        VerifyResult verified = reopenAndVerify(retaining());
        assertFalse(verified.ok());
        assertEquals(Checkpoint.read(dir()).seq() + 1, verified.firstBad());
        assertTrue(verified.reason().endsWith("does not match its hash: it was edited"), verified.reason());
    }

    @Test
    void aRetentionInterruptedAfterItsCheckpointIsFinishedOnOpen() throws IOException {
        append(retaining(), 1, 200);
        List<Segments.Segment> kept = Segments.list(dir());
        // as if the crash came after the checkpoint moved on and before the files went
        AuditRecord firstOfNext = firstRecord(kept.get(1).path());
        new Checkpoint(kept.get(1).number(), firstOfNext.seq() - 1, firstOfNext.prev(), Checkpoint.read(dir()).chain())
                .write(dir());
        assertEquals(VerifyResult.intact(200).retainedFrom(firstOfNext.seq()), reopenAndVerify(retaining()));
        assertFalse(Files.exists(kept.getFirst().path()), "the segment the checkpoint covers was removed on open");
    }

    @Test
    void withoutAnAnchorATruncationWithARewrittenHeadGoesUnnoticed() throws IOException {
        List<AuditRecord> records = append(AuditOptions.DEFAULTS, 1, 10);
        Fixtures.write(segment(dir(), 1), lines(segment(dir(), 1)).subList(0, 9));
        rewriteHead(dir(), 9, records.get(8).hash());
        assertEquals(VerifyResult.intact(9), reopenAndVerify(AuditOptions.DEFAULTS));
    }

    @Test
    void theAnchorCatchesATruncationWithARewrittenHead() throws IOException {
        AuditOptions options = anchored(AuditOptions.DEFAULTS);
        List<AuditRecord> records = append(options, 1, 10);
        Fixtures.write(segment(dir(), 1), lines(segment(dir(), 1)).subList(0, 9));
        rewriteHead(dir(), 9, records.get(8).hash());
        try (AuditLog log = AuditLog.open(dir(), ticking(), options)) {
            VerifyResult verified = log.verify();
            assertFalse(verified.ok());
            assertEquals(9, verified.firstBad());
            assertTrue(verified.reason().startsWith("the log ends at seq 9 but the anchor (file " + anchorFile()
                    + ", close at "), verified.reason());
            assertTrue(verified.reason().endsWith("says seq 10 was committed: records were removed from the end"),
                    verified.reason());
            assertTrue(log.sealed().orElseThrow().startsWith("the log ends at seq 9 but the anchor"), log.sealed().get());
            assertThrows(AuditException.class, () -> log.append(entry(1000, "fs.list", 11)));
        }
    }

    @Test
    void theAnchorCatchesAReplacedLastRecordWithARewrittenHead() throws IOException {
        AuditOptions options = anchored(AuditOptions.DEFAULTS);
        List<AuditRecord> records = append(options, 1, 10);
        List<String> lines = lines(segment(dir(), 1));
        RecordCodec.Encoded forged = RecordCodec.encode(10, Fixtures.START, entry(0, "fs.read", 99),
                records.get(8).hash(), RecordCodec.sha256());
        lines.set(9, new String(forged.line(), StandardCharsets.UTF_8).strip());
        Fixtures.write(segment(dir(), 1), lines);
        rewriteHead(dir(), 10, forged.record().hash());
        VerifyResult verified = reopenAndVerify(options);
        assertFalse(verified.ok());
        assertEquals(9, verified.firstBad());
        assertTrue(verified.reason().endsWith(": records were replaced"), verified.reason());
    }

    @Test
    void theAnchorCatchesMoreSegmentsDroppedBehindAMovedCheckpoint() throws IOException {
        AuditOptions options = anchored(retaining());
        append(options, 1, 200);
        List<Segments.Segment> kept = Segments.list(dir());
        Checkpoint real = Checkpoint.read(dir());
        AuditRecord firstOfNext = firstRecord(kept.get(1).path());
        Files.delete(kept.getFirst().path());
        new Checkpoint(kept.get(1).number(), firstOfNext.seq() - 1, firstOfNext.prev(), real.chain()).write(dir());
        VerifyResult verified = reopenAndVerify(options);
        assertFalse(verified.ok());
        assertEquals(real.seq(), verified.firstBad());
        assertTrue(verified.reason().startsWith("the log starts at seq " + firstOfNext.seq() + " but the anchor"),
                verified.reason());
        assertTrue(verified.reason().endsWith("says retention kept everything from seq " + real.retainedFrom()
                + ": records were removed from the start"), verified.reason());
    }

    @Test
    void anIntactAnchoredLogSaysWhatItCheckedAndANewChainStartsCleanlyAfterTheOldIsMovedAside() throws IOException {
        AuditOptions options = anchored(AuditOptions.DEFAULTS);
        append(options, 1, 10);
        VerifyResult verified = reopenAndVerify(options);
        assertTrue(verified.ok(), verified.toString());
        assertTrue(verified.anchor().startsWith("file " + anchorFile() + ": last point seq 10 (open at "),
                verified.anchor());
        assertTrue(verified.anchor().endsWith(", matches"), verified.anchor());
        Files.move(dir(), root.resolve("audit.broken"));
        append(options, 1, 3);
        VerifyResult fresh = reopenAndVerify(options);
        assertEquals(VerifyResult.intact(3), fresh.anchored(null));
        String anchorLines = Files.readString(anchorFile());
        assertTrue(anchorLines.contains("\"event\":\"created\""), anchorLines);
    }

    @Test
    void anotherChainInTheDirectoryWithoutACreationIsCaught() throws IOException {
        AuditOptions options = anchored(AuditOptions.DEFAULTS);
        append(options, 1, 10);
        // a whole log made elsewhere, put in place of this one behind the daemon's back
        Path elsewhere = root.resolve("elsewhere");
        try (AuditLog other = AuditLog.open(elsewhere, ticking())) {
            for (int i = 1; i <= 12; i++) {
                other.append(entry(0, "fs.read", 100 + i));
            }
        }
        for (Path file : List.of(segment(dir(), 1), dir().resolve("audit.head"))) {
            Files.copy(elsewhere.resolve(file.getFileName()), file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        VerifyResult verified = reopenAndVerify(options);
        assertFalse(verified.ok());
        assertTrue(verified.reason().contains("holds seq 10 of the chain starting "), verified.reason());
        assertTrue(verified.reason().contains("but this log is another chain ("), verified.reason());
        assertTrue(verified.reason().endsWith("): the log was replaced outside the daemon"), verified.reason());
    }
}
