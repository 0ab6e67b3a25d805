package dev.llmos.audit;

import static dev.llmos.audit.Fixtures.entry;
import static dev.llmos.audit.Fixtures.lines;
import static dev.llmos.audit.Fixtures.segment;
import static dev.llmos.audit.Fixtures.ticking;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * records appended unsynced: written before the append returns, in the chain like any other, named by
 * the head file only once an fdatasync covers them (the next synced append, the bound, or close), so
 * that a machine crash that loses them from the end leaves a log that opens and verifies.
 */
class UnsyncedTest {
    private static final Pattern HEAD_SEQ = Pattern.compile("\\{\"seq\":(\\d+),");
    /** long enough that only a synced append or close syncs the unsynced records of a test. */
    private static final AuditOptions NEVER_BY_ITSELF = AuditOptions.DEFAULTS.withUnsyncedAtMost(Duration.ofDays(1));

    @TempDir
    Path dir;

    @TempDir
    Path crashed;

    /** the seq the head file on disk names. */
    private static long headSeq(Path log) throws IOException {
        Matcher matcher = HEAD_SEQ.matcher(Files.readString(log.resolve(HeadFile.NAME)));
        assertTrue(matcher.lookingAt(), "a head file");
        return Long.parseLong(matcher.group(1));
    }

    /** a copy of the log's files as a machine crash could leave them: the segment cut after {@code keep} lines. */
    private void crashCopy(int keep) throws IOException {
        Files.copy(dir.resolve(HeadFile.NAME), crashed.resolve(HeadFile.NAME));
        Fixtures.write(segment(crashed, 1), lines(segment(dir, 1)).subList(0, keep));
    }

    @Test
    void unsyncedRecordsChainAndTheHeadNamesThemOnlyOnceTheNextSyncedAppendCoversThem() throws IOException {
        try (AuditLog log = AuditLog.open(dir, ticking(), NEVER_BY_ITSELF)) {
            for (int i = 1; i <= 3; i++) {
                log.append(entry(1000, "fs.stat", i));
            }
            AuditRecord fourth = log.appendUnsynced(entry(1000, "loop.turn", 4));
            AuditRecord fifth = log.appendUnsynced(entry(1000, "loop.turn", 5));
            assertEquals(4, fourth.seq());
            assertEquals(fourth.hash(), fifth.prev());
            assertEquals(List.of(fourth, fifth), log.tail(2, null));
            assertEquals(VerifyResult.intact(5), log.verify());
            assertEquals(5, lines(segment(dir, 1)).size(), "written to the kernel before the append returned");
            assertEquals(3, headSeq(dir), "the head file names only synced records");

            // a machine crash that lost both unsynced records, or kept one of them: the log opens and verifies
            crashCopy(3);
            try (AuditLog reopened = AuditLog.open(crashed, ticking())) {
                assertEquals(VerifyResult.intact(3), reopened.verify());
                assertEquals(4, reopened.append(entry(1000, "fs.stat", 4)).seq());
            }
            Files.delete(segment(crashed, 1));
            Files.delete(crashed.resolve(HeadFile.NAME));
            crashCopy(4);
            try (AuditLog reopened = AuditLog.open(crashed, ticking())) {
                assertEquals(VerifyResult.intact(4), reopened.verify());
                assertEquals(4, headSeq(crashed), "open moved the head forward over the record that survived");
            }

            AuditRecord sixth = log.append(entry(1000, "fs.stat", 6));
            assertEquals(fifth.hash(), sixth.prev());
            assertEquals(6, headSeq(dir), "the synced append's fdatasync covered the records before it");
        }
        try (AuditLog log = AuditLog.open(dir, ticking())) {
            assertEquals(VerifyResult.intact(6), log.verify());
        }
    }

    @Test
    void anUnsyncedRecordThatNothingFollowsIsSyncedWithinTheBound() throws Exception {
        try (AuditLog log = AuditLog.open(dir, ticking(), AuditOptions.DEFAULTS.withUnsyncedAtMost(Duration.ofMillis(20)))) {
            log.append(entry(1000, "fs.stat", 1));
            log.appendUnsynced(entry(1000, "loop.turn", 2));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (headSeq(dir) < 2 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(2, headSeq(dir), "synced by the log itself, with no append after it");
        }
    }

    @Test
    void closeSyncsUnsyncedRecords() throws IOException {
        try (AuditLog log = AuditLog.open(dir, ticking(), NEVER_BY_ITSELF)) {
            log.append(entry(1000, "fs.stat", 1));
            log.appendUnsynced(entry(1000, "loop.turn", 2));
            assertEquals(1, headSeq(dir));
        }
        assertEquals(2, headSeq(dir));
        try (AuditLog log = AuditLog.open(dir, ticking())) {
            assertEquals(VerifyResult.intact(2), log.verify());
        }
    }

    @Test
    void rotationSyncsTheUnsyncedRecordsOfTheSegmentItCloses() throws IOException {
        try (AuditLog log = AuditLog.open(dir, ticking(), NEVER_BY_ITSELF.withRotateBytes(1500))) {
            for (int i = 1; i <= 30; i++) {
                if (i % 3 == 0) {
                    log.append(entry(1000, "fs.stat", i));
                } else {
                    log.appendUnsynced(entry(1000, "loop.turn", i));
                }
            }
            assertEquals(VerifyResult.intact(30), log.verify());
            assertTrue(Segments.list(dir).size() >= 5, "rotated");
            assertEquals(30, headSeq(dir));
        }
        try (AuditLog log = AuditLog.open(dir, ticking())) {
            assertEquals(VerifyResult.intact(30), log.verify());
        }
    }
}
