package dev.llmos.loop;

import java.util.Objects;

/**
 * why a loop ended.
 *
 * @param reason the kind of ending
 * @param detail the explanation shown to the person
 */
public record End(Reason reason, String detail) {
    /** the ways a loop ends. */
    public enum Reason {
        /** the model answered. */
        ANSWER,
        /** a budget was used up. */
        BUDGET,
        /** the person pressed ctrl-c. */
        INTERRUPTED,
        /** a change needed confirmation and nobody could give it. */
        CONFIRMATION_NEEDED,
        /** the person would not let the loop's data go to a remote model. */
        REMOTE_DECLINED,
        /** no model could be reached, or none may run this loop. */
        MODEL_UNAVAILABLE,
        /** the model's answer stayed invalid after the repair round. */
        INVALID_TURN,
        /** the daemon failed. */
        ERROR
    }

    public End {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
    }
}
