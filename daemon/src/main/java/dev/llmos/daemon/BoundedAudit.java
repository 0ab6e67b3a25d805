package dev.llmos.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.audit.AuditEntry;
import dev.llmos.audit.AuditLog;
import dev.llmos.audit.AuditRecord;
import dev.llmos.audit.Outcome;
import dev.llmos.protocol.Json;
import dev.llmos.support.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * the daemon's audit log with per-user bounds: params (and changes) whose json is longer than
 * {@link Limits#auditParamsMaxBytes()} are recorded as their size and the sha-256 of their
 * canonical json, which still proves what was asked; and every record is charged to its caller's
 * audit budgets ({@link Fairness#recorded}), a record of a request that changed nothing to both.
 */
final class BoundedAudit extends ForwardingAuditLog {
    private final Fairness fairness;
    private final int maxBytes;

    BoundedAudit(AuditLog log, Fairness fairness, int maxBytes) {
        super(log);
        this.fairness = fairness;
        this.maxBytes = maxBytes;
    }

    @Override
    protected AuditRecord add(AuditEntry entry, Appender appender) throws IOException {
        AuditEntry bounded = new AuditEntry(entry.caller(), entry.action(), bound(entry.params()), entry.decision(),
                entry.rule(), entry.reason(), entry.outcome(), entry.txid(), bound(entry.changes()));
        AuditRecord record = appender.append(bounded);
        boolean changedNothing = Outcome.of(entry.outcome()).map(Outcome::changedNothing).orElse(false);
        fairness.recorded(entry.caller().uid(), Json.toBytes(record).length + 1L, changedNothing);
        return record;
    }

    /** {@code value} itself when its json fits, else its size and digest. */
    JsonNode bound(JsonNode value) {
        if (value == null || value.isNull()) {
            return value;
        }
        // the canonical form has the same length as the compact one (only the key order differs)
        if (Json.toBytes(value).length <= maxBytes) {
            return value;
        }
        byte[] canonical = Json.canonical(value).getBytes(StandardCharsets.UTF_8);
        return Json.MAPPER.createObjectNode().put("omitted", "larger than audit_params_max_bytes (" + maxBytes + ")")
                .put("size", canonical.length).put("sha256", Sha256.hex(canonical));
    }
}
