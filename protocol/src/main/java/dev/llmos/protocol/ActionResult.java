package dev.llmos.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/** the result of one executed (or dry-run) action, as sent on the wire. */
public record ActionResult(String txid, String action, StepStatus status, JsonNode output, Undo undo) {
    /** whether the change can be undone with {@code undo.apply}. */
    public record Undo(boolean available) {
        public static final Undo NONE = new Undo(false);
    }

    public ActionResult {
        Objects.requireNonNull(txid, "txid");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(output, "output");
        undo = undo == null ? Undo.NONE : undo;
    }
}
