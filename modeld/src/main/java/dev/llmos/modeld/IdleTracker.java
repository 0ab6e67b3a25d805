package dev.llmos.modeld;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * decides when llm-modeld has been idle long enough to exit. every api request counts as activity
 * except health probes, which must not keep a loaded model resident. once {@link #closeIfIdle()}
 * says yes, no new request is admitted, so none is cut off half-way.
 */
final class IdleTracker {
    private final long idleNanos;
    private final LongSupplier clock;
    private int inFlight;
    private long lastActivity;
    private boolean closing;

    /** {@code idle} of zero never closes. */
    IdleTracker(Duration idle, LongSupplier nanoClock) {
        this.idleNanos = idle.toNanos();
        this.clock = nanoClock;
        this.lastActivity = nanoClock.getAsLong();
    }

    /** starts the idle time afresh, e.g. once the server listens after a slow start. */
    synchronized void touch() {
        lastActivity = clock.getAsLong();
    }

    /** admits a request, unless the process is already on its way out. */
    synchronized boolean begin() {
        if (closing) {
            return false;
        }
        inFlight++;
        lastActivity = clock.getAsLong();
        return true;
    }

    synchronized void end() {
        inFlight--;
        lastActivity = clock.getAsLong();
    }

    /** true (once, and from then on) when nothing ran for the idle time and nothing runs now. */
    synchronized boolean closeIfIdle() {
        if (!closing && idleNanos > 0 && inFlight == 0 && clock.getAsLong() - lastActivity >= idleNanos) {
            closing = true;
        }
        return closing;
    }

    synchronized int inFlight() {
        return inFlight;
    }
}
