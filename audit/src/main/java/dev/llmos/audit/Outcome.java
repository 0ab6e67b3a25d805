package dev.llmos.audit;

import dev.llmos.support.WireEnum;
import java.util.Optional;

/**
 * what happened to an audited request: the word an audit record's {@code outcome} starts with,
 * followed by {@code ": "} and a detail when there is one ({@code failed: permission denied: /x}).
 */
public enum Outcome implements WireEnum {
    /** it ran. */
    OK(false),
    /** it was only previewed. */
    DRY_RUN(true),
    /** it failed; the detail says how. */
    FAILED(false),
    /** the client cancelled it while it ran. */
    CANCELLED(false),
    /** policy, the resolver or the sandbox rule refused it. */
    DENIED(true),
    /** it waits for a person's confirmation; a token was issued. */
    CONFIRMATION_REQUIRED(true),
    /** the token given did not confirm it (unknown, used, expired, or the objects changed). */
    CONFIRMATION_REFUSED(true),
    /** a revocation that found nothing to revoke. */
    NOTHING_REVOKED(true),
    /** a loop turn in which the model proposed actions. */
    PROPOSED(false),
    /** a loop turn in which the model answered. */
    ANSWERED(false);

    private final boolean changedNothing;

    Outcome(boolean changedNothing) {
        this.changedNothing = changedNothing;
    }

    /** whether a request with this outcome ran nothing (fairness charges its record to both budgets). */
    public boolean changedNothing() {
        return changedNothing;
    }

    /** the record's text: the word alone, or the word, {@code ": "} and {@code detail}. */
    public String text(String detail) {
        return detail == null || detail.isEmpty() ? wireName() : wireName() + ": " + detail;
    }

    /** the outcome a record's text starts with; empty for text this daemon does not write. */
    public static Optional<Outcome> of(String recorded) {
        int colon = recorded.indexOf(": ");
        return WireEnum.parse(Outcome.class, colon < 0 ? recorded : recorded.substring(0, colon));
    }
}
