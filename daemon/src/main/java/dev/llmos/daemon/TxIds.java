package dev.llmos.daemon;

import java.time.InstantSource;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

/**
 * transaction ids: time-ordered and unique within a state directory's lifetime, e.g.
 * {@code tx-0195f3a2c4d1-0007}; the millisecond clock plus a counter that never goes back.
 */
final class TxIds {
    private static final HexFormat HEX = HexFormat.of();
    private final InstantSource clock;
    private final AtomicLong last = new AtomicLong();

    TxIds(InstantSource clock) {
        this.clock = clock;
    }

    String next() {
        long now = clock.millis() << 16;
        long id = last.updateAndGet(previous -> Math.max(previous + 1, now));
        // the millis above the 16 counter bits are at most 48 bits: 12 hex digits, as %012x wrote them
        return "tx-" + HEX.toHexDigits(id >>> 16, 12) + "-" + HEX.toHexDigits(id & 0xffff, 4);
    }
}
