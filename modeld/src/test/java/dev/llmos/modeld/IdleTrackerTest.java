package dev.llmos.modeld;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class IdleTrackerTest {
    private final AtomicLong now = new AtomicLong();
    private final IdleTracker tracker = new IdleTracker(Duration.ofSeconds(10), now::get);

    private void advance(Duration duration) {
        now.addAndGet(duration.toNanos());
    }

    @Test
    void closesOnlyAfterTheIdleTimeWithNothingRunning() {
        advance(Duration.ofSeconds(9));
        assertFalse(tracker.closeIfIdle());
        advance(Duration.ofSeconds(1));
        assertTrue(tracker.closeIfIdle());
        assertFalse(tracker.begin(), "no request is admitted once closing");
    }

    @Test
    void aRunningRequestKeepsItOpenAndItsEndRestartsTheClock() {
        assertTrue(tracker.begin());
        advance(Duration.ofMinutes(5));
        assertFalse(tracker.closeIfIdle());
        assertEquals(1, tracker.inFlight());
        tracker.end();
        advance(Duration.ofSeconds(9));
        assertFalse(tracker.closeIfIdle());
        advance(Duration.ofSeconds(1));
        assertTrue(tracker.closeIfIdle());
    }

    @Test
    void touchRestartsTheIdleTime() {
        advance(Duration.ofSeconds(9));
        tracker.touch();
        advance(Duration.ofSeconds(9));
        assertFalse(tracker.closeIfIdle());
        advance(Duration.ofSeconds(1));
        assertTrue(tracker.closeIfIdle());
    }

    @Test
    void zeroNeverCloses() {
        IdleTracker forever = new IdleTracker(Duration.ZERO, now::get);
        advance(Duration.ofDays(3));
        assertFalse(forever.closeIfIdle());
    }
}
