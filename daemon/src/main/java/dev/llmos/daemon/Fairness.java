package dev.llmos.daemon;

import dev.llmos.protocol.MethodResults;
import dev.llmos.protocol.Methods;
import dev.llmos.protocol.RpcException;
import java.time.InstantSource;
import java.util.Set;

/**
 * the per-user limits in one place, for the server (connections), each connection (requests
 * running, audit budget) and {@code system.status} (what the caller has used).
 */
final class Fairness {
    /** the methods whose requests are audited. */
    private static final Set<String> AUDITED = Set.of(Methods.ACTION_EXECUTE, Methods.PLAN_EXECUTE, Methods.UNDO_APPLY,
            Methods.LEASE_GRANT, Methods.LEASE_REVOKE);

    private final Limits limits;
    private final ConnectionQuota connections;
    private final RunQuota runs;
    private final AuditBudget audit;
    private final AuditBudget unconfirmed;

    Fairness(Limits limits, InstantSource clock) {
        this.limits = limits;
        this.connections = new ConnectionQuota(limits);
        this.runs = new RunQuota(limits);
        this.audit = new AuditBudget(limits, "audit_bytes", limits.auditBytes(), "its requests", clock);
        this.unconfirmed = new AuditBudget(limits, "audit_unconfirmed_bytes", limits.auditUnconfirmedBytes(),
                "requests that changed nothing (denied, unconfirmed or dry runs)", clock);
    }

    Limits limits() {
        return limits;
    }

    /**
     * charges a written audit record of {@code uid} to its budgets.
     *
     * @param changedNothing the request was denied, not confirmed, or a dry run
     */
    void recorded(int uid, long bytes, boolean changedNothing) {
        audit.charge(uid, bytes);
        if (changedNothing) {
            unconfirmed.charge(uid, bytes);
        }
    }

    /** refuses an audited request of {@code uid} while one of its audit budgets is spent. */
    void checkAudited(int uid, String method) throws RpcException {
        if (AUDITED.contains(method)) {
            unconfirmed.check(uid);
            audit.check(uid);
        }
    }

    Permit connect(int uid) throws RpcException {
        return connections.admit(uid);
    }

    /** admits a long request of {@code method} by {@code uid}, or says which limit refuses it. */
    Permit run(int uid, String method) throws RpcException {
        checkAudited(uid, method);
        return runs.admit(uid);
    }

    /** what {@code uid} uses of its limits, for {@code system.status}. */
    MethodResults.Usage usage(int uid) {
        var connectionsUsed = new MethodResults.Usage.Count(connections.heldBy(uid),
                uid == 0 ? limits.maxConnections() : limits.connectionsPerUser());
        if (uid == 0) {
            return new MethodResults.Usage(connectionsUsed, new MethodResults.Usage.Count(runs.runningFor(uid), null),
                    null, null, limits.source().toString());
        }
        return new MethodResults.Usage(connectionsUsed,
                new MethodResults.Usage.Count(runs.runningFor(uid), limits.runsPerUser()), budget(audit, uid),
                budget(unconfirmed, uid), limits.source().toString());
    }

    private MethodResults.Usage.Budget budget(AuditBudget budget, int uid) {
        return new MethodResults.Usage.Budget(budget.remaining(uid), budget.capacity(),
                limits.auditWindow().toSeconds());
    }
}
