package dev.llmos.daemon;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    /**
     * false when the caller runs inside one of this daemon's sandboxes (a program started by
     * {@code proc.run}): such a caller can never confirm, so that only a person, not the plane's own
     * programs, says yes.
     */
    default boolean confirmable() {
        return true;
    }

    /** the daemon's own paths (sockets, state) that nothing an action starts may see. */
    default List<Path> daemonPaths() {
        return List.of();
    }

    /** true when policy granted this run root's privileges ({@code run_as = "root"}). */
    default boolean elevated() {
        return false;
    }

    /** the capabilities policy granted an elevated run; empty for none. */
    default Set<String> capabilities() {
        return Set.of();
    }

    /** this run with root's privileges granted, keeping {@code capabilities} for what it starts. */
    default RunContext elevate(Set<String> capabilities) {
        return with(session(), true, Set.copyOf(capabilities));
    }

    /** this run with the caller's {@code session} (for work that has no client of its own, like a preview). */
    default RunContext withSession(Map<String, String> session) {
        return with(session, elevated(), capabilities());
    }

    private RunContext with(Map<String, String> session, boolean elevated, Set<String> capabilities) {
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

            @Override
            public Set<String> capabilities() {
                return capabilities;
            }

            @Override
            public boolean confirmable() {
                return base.confirmable();
            }

            @Override
            public List<Path> daemonPaths() {
                return base.daemonPaths();
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
