package dev.llmos.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.action.Caller;
import dev.llmos.audit.AuditCaller;
import dev.llmos.audit.AuditEntry;
import dev.llmos.audit.Outcome;
import dev.llmos.audit.AuditLog;
import dev.llmos.catalog.ActionCatalog;
import dev.llmos.catalog.CatalogEntry;
import dev.llmos.protocol.Json;
import dev.llmos.protocol.MethodParams;
import dev.llmos.protocol.MethodResults;
import dev.llmos.protocol.RpcException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * {@code lease.grant}, {@code lease.revoke}, {@code lease.list}: a caller takes a time-limited
 * lease of a kind that actions declare (e.g. {@code input}), after confirming a preview of what
 * it lets run without asking; every grant and revoke is audited.
 */
final class LeaseMethods {
    static final String GRANT_RULE = "builtin.lease-grant";

    private final ActionCatalog catalog;
    private final Leases leases;
    private final Confirmations confirmations;
    private final AuditLog audit;
    private final TxIds txids;

    LeaseMethods(ActionCatalog catalog, Leases leases, Confirmations confirmations, AuditLog audit, TxIds txids) {
        this.catalog = catalog;
        this.leases = leases;
        this.confirmations = confirmations;
        this.audit = audit;
        this.txids = txids;
    }

    /** the lease kinds some installed action declares. */
    TreeSet<String> kinds() {
        TreeSet<String> kinds = new TreeSet<>();
        catalog.entries().forEach(entry -> entry.action().lease().ifPresent(kinds::add));
        return kinds;
    }

    JsonNode grant(MethodParams.LeaseGrant params, Caller caller, RunContext context) throws RpcException {
        if (!kinds().contains(params.kind())) {
            throw RpcException.invalidParams("/params/kind", "no installed action runs under a lease of kind '"
                    + params.kind() + "'; kinds: " + String.join(", ", kinds()));
        }
        ObjectNode request = Json.MAPPER.createObjectNode().put("method", "lease.grant").put("kind", params.kind())
                .put("duration_s", params.durationS());
        String txid = txids.next();
        confirmations.require(params.confirm(), Confirmations.subject(caller, request, ""), context,
                new Confirmations.Question("a " + params.kind() + " lease for " + params.durationS() + " s",
                        "a lease lets actions run without asking each time", GRANT_RULE, () -> {
                            ObjectNode preview = Json.MAPPER.createObjectNode().put("action", "lease.grant")
                                    .put("kind", params.kind()).put("duration_s", params.durationS()).put("risk", "system");
                            preview.set("actions", Json.toTree(actionsUnder(params.kind())));
                            return preview;
                        }),
                (outcome, detail) -> append(caller, "lease.grant", request, outcome.text(detail), txid));
        return granted(caller, params, request, txid);
    }

    /**
     * grants the lease a person confirmed, and records it; none is granted while the audit log is
     * sealed, and a granted lease whose record cannot be written is still the caller's.
     */
    private JsonNode granted(Caller caller, MethodParams.LeaseGrant params, ObjectNode request, String txid)
            throws RpcException {
        if (audit.sealed().isPresent()) {
            throw RpcException.internal("the audit log is sealed (" + audit.sealed().get()
                    + "); no lease is granted until it is repaired");
        }
        MethodResults.Lease lease;
        try {
            lease = leases.grant(caller.uid(), params.kind(), Duration.ofSeconds(params.durationS()));
        } catch (IOException e) {
            throw RpcException.internal("the lease could not be stored: " + e.getMessage());
        }
        record(caller, "lease.grant", request, Outcome.OK.text(null), txid);
        return Json.toTree(lease);
    }

    JsonNode revoke(MethodParams.LeaseRevoke params, Caller caller) throws RpcException {
        ObjectNode request = Json.MAPPER.createObjectNode().put("method", "lease.revoke");
        request.put("kind", params.kind());
        try {
            List<MethodResults.Lease> ended = leases.revoke(caller.uid(), params.kind());
            // a revoke that ended nothing changed nothing: it counts against the caller's smaller audit budget
            record(caller, "lease.revoke", request, (ended.isEmpty() ? Outcome.NOTHING_REVOKED : Outcome.OK).text(null),
                    txids.next());
            return Json.toTree(new MethodResults.LeaseRevoked(ended));
        } catch (IOException e) {
            throw RpcException.internal("the leases could not be stored: " + e.getMessage());
        }
    }

    MethodResults.LeaseList list(Caller caller) {
        return new MethodResults.LeaseList(leases.of(caller.uid()), kinds());
    }

    private List<String> actionsUnder(String kind) {
        return catalog.entries().stream().filter(e -> e.action().lease().equals(Optional.of(kind)))
                .map(CatalogEntry::name).toList();
    }

    /** writes the record of a grant or revoke; one that cannot be written leaves the answer as it is. */
    private void record(Caller caller, String what, ObjectNode request, String outcome, String txid) {
        try {
            append(caller, what, request, outcome, txid);
        } catch (IOException e) {
            Unrecorded.report(txid + " (" + what + " " + outcome + ")", e, "the client was answered as if it had been");
        }
    }

    private void append(Caller caller, String what, ObjectNode request, String outcome, String txid)
            throws IOException {
        ObjectNode params = request.deepCopy();
        params.remove("method");
        audit.append(new AuditEntry(AuditCaller.of(caller), what, params, what.equals("lease.grant") ? "ask" : "allow",
                GRANT_RULE, "leases are granted after confirmation and revoked at will", outcome, txid, null));
    }
}
