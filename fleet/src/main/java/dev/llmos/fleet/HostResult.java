package dev.llmos.fleet;

import java.util.List;

/**
 * how a plan went on one host.
 *
 * @param host the inventory name
 * @param status the outcome in one word
 * @param steps the steps worth naming: changed, failed, skipped in a dry run, ...
 * @param message why the host failed as a whole (unreachable, denied, ...), or null
 */
public record HostResult(String host, Status status, List<StepOutcome> steps, String message) {
    public HostResult {
        steps = List.copyOf(steps);
    }

    /** the outcome on a host, worst last. */
    public enum Status {
        /** everything was as the plan wants, nothing changed. */
        OK,
        /** the plan ran and changed something (or, in a dry run, would). */
        CHANGED,
        /** the host's policy asked for a confirmation nobody gave; nothing ran there. */
        UNCONFIRMED,
        /** the host's policy denied a step; nothing ran there. */
        DENIED,
        /** a step failed; the steps after it did not run. */
        FAILED,
        /** the host could not be reached. */
        UNREACHABLE;

        /** lowercase, as reports print it. */
        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** whether this host needs attention. */
        public boolean bad() {
            return compareTo(CHANGED) > 0;
        }
    }

    /**
     * one step (or one of its tasks) on the host.
     *
     * @param step the plan step's number, from 1; 0 when the task belongs to no step
     * @param task the task's name, or the action
     * @param state changed, ok, failed, skipped, unreachable, dry_run
     * @param detail a message or transaction id, or null
     */
    public record StepOutcome(int step, String task, String state, String detail) {
    }
}
