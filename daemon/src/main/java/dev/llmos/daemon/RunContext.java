package dev.llmos.daemon;

/** the channel back to the client while an action runs: progress out, cancellation in. */
interface RunContext {
    void progress(String message, Double fraction);

    boolean cancelled();

    /** a context for work nobody watches. */
    static RunContext detached() {
        return new RunContext() {
            @Override
            public void progress(String message, Double fraction) {
            }

            @Override
            public boolean cancelled() {
                return false;
            }
        };
    }
}
