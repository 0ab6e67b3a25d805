package dev.llmos.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * what the daemon records about one request; the log adds seq, time, prev and hash. keep entries
 * small: record a digest and size instead of large content (e.g. {@code fs.write} content).
 *
 * @param caller who asked
 * @param action the action name, e.g. {@code fs.delete}
 * @param params the validated params (a json object), or null
 * @param decision the policy decision: {@code allow}, {@code ask} or {@code deny}
 * @param rule the deciding rule id, or null
 * @param reason the deciding rule's reason, or null
 * @param outcome what happened, e.g. {@code ok}, {@code denied}, {@code confirmation_required},
 *     {@code dry_run}, {@code failed}
 * @param txid the transaction id, or null when nothing ran
 * @param changes what a mutating action changed (a json value), or null; omitted from the record
 *     when null
 */
public record AuditEntry(
        AuditCaller caller,
        String action,
        JsonNode params,
        String decision,
        String rule,
        String reason,
        String outcome,
        String txid,
        JsonNode changes) {
    public AuditEntry {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(outcome, "outcome");
    }
}
