package dev.llmos.daemon;

import java.util.concurrent.atomic.AtomicBoolean;

/** something counted against a limit until closed; closing twice releases once. */
interface Permit extends AutoCloseable {
    /** a permit that counts nothing (root is not limited). */
    Permit NONE = () -> { };

    @Override
    void close();

    /** a permit that runs {@code release} on its first close. */
    static Permit releasing(Runnable release) {
        AtomicBoolean closed = new AtomicBoolean();
        return () -> {
            if (closed.compareAndSet(false, true)) {
                release.run();
            }
        };
    }
}
