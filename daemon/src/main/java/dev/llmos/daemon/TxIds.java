package dev.llmos.daemon;

import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;

/**
 * transaction ids: time-ordered and unique within a state directory's lifetime, e.g.
 * {@code tx-0195f3a2c4d1-0007}; the millisecond clock plus a counter that never goes back.
 */
final class TxIds {
    private final InstantSource clock;
    private final AtomicLong last = new AtomicLong();

    TxIds(InstantSource clock) {
        this.clock = clock;
    }

    String next() {
        long now = clock.millis() << 16;
        long id = last.updateAndGet(previous -> Math.max(previous + 1, now));
        return "tx-" + hex(id >>> 16, 12) + "-" + hex(id & 0xffff, 4);
    }

    /** {@code value} in lowercase hex, zero-padded to at least {@code digits} (as {@code %0Nx} formats it). */
    private static String hex(long value, int digits) {
        String hex = Long.toHexString(value);
        return hex.length() >= digits ? hex : "0".repeat(digits - hex.length()) + hex;
    }
}
