package dev.llmos.daemon;

import java.util.concurrent.atomic.AtomicBoolean;

/** a run watched by a client that may cancel ({@code cancel}), from a peer that may or may not confirm. */
record TestRun(AtomicBoolean cancel, boolean confirmable) implements RunContext {
    /** a person's run, not cancelled. */
    TestRun() {
        this(new AtomicBoolean(), true);
    }

    /** a run from a program in one of the daemon's sandboxes: it cannot confirm. */
    static TestRun sandboxed() {
        return new TestRun(new AtomicBoolean(), false);
    }

    /** a person's run whose client already cancelled. */
    static TestRun cancelledByClient() {
        return new TestRun(new AtomicBoolean(true), true);
    }

    @Override
    public void progress(String message, Double fraction) {
    }

    @Override
    public boolean cancelled() {
        return cancel.get();
    }
}
