package dev.llmos.actions.proc;

import dev.llmos.action.ActionException;
import dev.llmos.support.process.Output;
import java.util.List;
import java.util.Map;

/**
 * how {@code proc.run} confines what it starts: a transient systemd unit ({@link SystemdRunSandbox})
 * or bubblewrap in a cgroup the action creates ({@link BwrapSandbox}). either way the program runs
 * as the identity of the request, sees the system read-only (its home writable, a private
 * {@code /tmp}), gets no new privileges, and the whole tree it starts is limited, killed at the
 * timeout and on cancel, and never outlives the run.
 */
interface Sandbox {
    /** what the result's {@code sandbox} field says: {@code systemd-run}, {@code bwrap+cgroup} or {@code bwrap}. */
    String name();

    /**
     * why memory, cpu and tasks limits cannot be enforced here (an unprivileged daemon without a
     * usable cgroup, a container whose systemd has no controllers), or null when they are.
     */
    String unenforcedReason();

    default boolean enforcesLimits() {
        return unenforcedReason() == null;
    }

    /**
     * prepares one run (its cgroup, its unit name) and the command that starts it; the caller runs
     * that command through the project's process runner and closes what is returned.
     */
    Launched launch(RunRequest request) throws ActionException;

    /** one prepared run. */
    interface Launched extends AutoCloseable {
        /** the command this action starts (systemd-run, or cgexec and bubblewrap). */
        List<String> argv();

        /** the whole environment of that command. */
        Map<String, String> environment();

        /** a limit the run has hit so far ({@code MEMORY} or {@code TASKS}), or null; cheap, polled while it runs. */
        KilledReason limitHit();

        /** kills everything the run started, now; {@code process} is the command that was started. */
        void kill(Process process);

        /**
         * how the program ended, once the command has exited with {@code status}.
         *
         * @param stderr the program's captured standard error, to tell a sandbox setup failure from the program's own
         * @throws ActionException when the program never ran (the sandbox could not start it)
         */
        Ending end(int status, Output stderr) throws ActionException;

        /** releases what the run held (its cgroup, a failed unit); kills whatever is left. */
        @Override
        void close();
    }

    /** why a run was ended early. lowercase on the wire. */
    enum KilledReason {
        TIMEOUT,
        MEMORY,
        TASKS,
        CANCELLED
    }

    /**
     * how the program ended.
     *
     * @param exitCode the exit status as shells report it (128 + n when killed by signal n)
     * @param signal the signal that ended it, or null
     * @param killedReason what the sandbox itself reported as the cause (a unit's result), or null
     */
    record Ending(int exitCode, String signal, KilledReason killedReason) {
    }
}
