package dev.llmos.daemon;

import java.util.concurrent.atomic.AtomicBoolean;

/** the channel back to the client while an action runs: progress out, cancellation in. */
interface RunContext {
    void progress(String message, Double fraction);

    boolean cancelled();

    /** a context for work nobody watches. */
    static RunContext detached() {
        AtomicBoolean never = new AtomicBoolean();
        return new RunContext() {
            @Override
            public void progress(String message, Double fraction) {
            }

            @Override
            public boolean cancelled() {
                return never.get();
            }
        };
    }
}
