package dev.llmos.daemon;

import java.util.Map;

/**
 * one request's run besides its caller and action: progress out, cancellation in, the caller's
 * session and whether policy granted root's privileges.
 */
interface RunContext {
    void progress(String message, Double fraction);

    boolean cancelled();

    /** the caller's session environment (see {@code ActionContext.session}); empty when unknown. */
    default Map<String, String> session() {
        return Map.of();
    }

    /** true when policy granted this run root's privileges ({@code run_as = "root"}). */
    default boolean elevated() {
        return false;
    }

    /** this run with root's privileges granted. */
    default RunContext elevate() {
        return with(session(), true);
    }

    /** this run with the caller's {@code session} (for work that has no client of its own, like a preview). */
    default RunContext withSession(Map<String, String> session) {
        return with(session, elevated());
    }

    private RunContext with(Map<String, String> session, boolean elevated) {
        RunContext base = this;
        return new RunContext() {
            @Override
            public void progress(String message, Double fraction) {
                base.progress(message, fraction);
            }

            @Override
            public boolean cancelled() {
                return base.cancelled();
            }

            @Override
            public Map<String, String> session() {
                return session;
            }

            @Override
            public boolean elevated() {
                return elevated;
            }
        };
    }

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
