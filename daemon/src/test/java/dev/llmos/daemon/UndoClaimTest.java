package dev.llmos.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.llmos.protocol.Json;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UndoClaimTest {
    @TempDir
    Path dir;

    @Test
    void exactlyOneOfManyConcurrentClaimsWinsAndAnAppliedUndoStaysClaimed() throws Exception {
        UndoJournal journal = new UndoJournal(dir, () -> Instant.parse("2026-12-01T10:00:00Z"));
        journal.record("tx-1", 1001, "fs.write", new CallerSide.Inverse("fs.delete",
                Json.MAPPER.createObjectNode().put("path", "/home/u/x")));
        ConcurrentLinkedQueue<String> answers = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            for (int i = 0; i < 16; i++) {
                pool.submit(() -> {
                    start.await();
                    String why = journal.claim("tx-1");
                    answers.add(why == null ? "claimed" : why);
                    return null;
                });
            }
            start.countDown();
        }
        assertEquals(1, answers.stream().filter("claimed"::equals).count(), answers.toString());
        assertEquals(15, answers.stream().filter("is being undone by another request right now"::equals).count());
        journal.release("tx-1");
        assertNull(journal.claim("tx-1"), "a failed undo's claim is released");
        journal.markApplied("tx-1", "tx-2");
        assertEquals("was already undone by tx-2", journal.claim("tx-1"));
        assertEquals("was already undone by tx-2", new UndoJournal(dir, Instant::now).claim("tx-1"),
                "and after a restart");
    }
}
