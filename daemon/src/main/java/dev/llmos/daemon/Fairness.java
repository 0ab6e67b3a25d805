package dev.llmos.daemon;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.protocol.Json;
import dev.llmos.protocol.Methods;
import dev.llmos.protocol.RpcException;
import java.time.InstantSource;
import java.util.Set;

/**
 * the per-user limits in one place, for the server (connections), each connection (requests
 * running, audit budget) and {@code system.status} (what the caller has used).
 */
final class Fairness {
    /** the methods whose requests reach policy and are audited. */
    private static final Set<String> AUDITED = Set.of(Methods.ACTION_EXECUTE, Methods.PLAN_EXECUTE, Methods.UNDO_APPLY);

    private final Limits limits;
    private final ConnectionQuota connections;
    private final RunQuota runs;
    private final AuditBudget audit;

    Fairness(Limits limits, InstantSource clock) {
        this.limits = limits;
        this.connections = new ConnectionQuota(limits);
        this.runs = new RunQuota(limits);
        this.audit = new AuditBudget(limits, clock);
    }

    Limits limits() {
        return limits;
    }

    AuditBudget audit() {
        return audit;
    }

    Permit connect(int uid) throws RpcException {
        return connections.admit(uid);
    }

    /** admits a long request of {@code method} by {@code uid}, or says which limit refuses it. */
    Permit run(int uid, String method) throws RpcException {
        if (AUDITED.contains(method)) {
            audit.check(uid);
        }
        return runs.admit(uid);
    }

    /** what {@code uid} uses of its limits, for {@code system.status}. */
    ObjectNode usage(int uid) {
        ObjectNode usage = Json.MAPPER.createObjectNode();
        usage.putObject("connections").put("used", connections.heldBy(uid))
                .put("limit", uid == 0 ? limits.maxConnections() : limits.connectionsPerUser());
        ObjectNode running = usage.putObject("runs").put("used", runs.runningFor(uid));
        if (uid != 0) {
            running.put("limit", limits.runsPerUser());
            usage.putObject("audit_unconfirmed_bytes").put("remaining", audit.remaining(uid))
                    .put("limit", limits.auditUnconfirmedBytes())
                    .put("window_s", limits.auditUnconfirmedWindow().toSeconds());
        }
        usage.put("config", limits.source().toString());
        return usage;
    }
}
