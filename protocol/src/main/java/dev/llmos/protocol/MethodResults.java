package dev.llmos.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * the result record of each protocol method besides {@link ActionResult} and {@link PlanResult}:
 * the daemon builds its answers from these, so each answer's shape is written once, next to its
 * params in {@link MethodParams}. fields are written in the order declared, and a null field is
 * sent as {@code null} (as docs/protocol.md lists it). what another module owns (the caller, an
 * audit record, policy's matched rules, the router's state) stays a json tree here. clients read
 * these results by key: llmsh's one-shot path needs no data binding.
 */
public final class MethodResults {
    private MethodResults() {
    }

    /** {@code system.ping}. */
    public record Pong(boolean pong) {
    }

    /** {@code system.status}. */
    public record Status(String version, long pid, int uid, String mode, long uptimeS, String activation,
            String socket, String stateDir, int connections, int actions, String catalogVersion, JsonNode caller,
            List<Map<String, Long>> executors, Usage limits, JsonNode backends, JsonNode planCache,
            boolean llmLoaded, String privacy, String auditSealed, List<Lease> leases) {
    }

    /**
     * the caller's use of its limits, in {@code system.status}: the run limit and the audit budgets
     * are left out for root, which has none.
     *
     * @param config the file the limits were read from
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Usage(Count connections, Count runs, Budget auditBytes, Budget auditUnconfirmedBytes, String config) {
        /** how many are in use, of how many. */
        @JsonInclude(JsonInclude.Include.NON_NULL)
        public record Count(int used, Integer limit) {
        }

        /** an audit budget: bytes left in the window, of how many. */
        public record Budget(long remaining, long limit, long windowS) {
        }
    }

    /** {@code actions.list}. */
    public record ActionList(List<ActionInfo> actions) {
    }

    /**
     * one action of {@code actions.list}.
     *
     * @param pathRoles each path param with what the action does with it, in declaration order
     * @param sensitiveParams sorted
     */
    public record ActionInfo(String name, String description, String risk, JsonNode paramsSchema,
            List<String> examples, List<String> pathParams, Map<String, String> pathRoles,
            List<String> sensitiveParams) {
    }

    /** {@code undo.list}. */
    public record UndoList(List<UndoEntry> entries) {
    }

    /** one journaled change: {@code undo} is the inverse action, {@code undone_by} the txid that applied it or null. */
    public record UndoEntry(String txid, String action, String time, int uid, String undo, String undoneBy) {
    }

    /** {@code audit.tail}: the records as the audit log writes them. */
    public record AuditTail(JsonNode records) {
    }

    /**
     * {@code policy.check}: the evaluation, the paths as the caller sees them, and the explanation.
     *
     * @param matched every rule that matched, as policy writes them
     */
    public record PolicyCheck(String decision, String rule, String reason, JsonNode matched, String runAs,
            Set<String> capabilities, JsonNode paths, String explain) {
    }

    /** {@code policy.suggest}: the smallest rule that lets the request through, and where it goes. */
    public record PolicySuggest(String action, String decisionNow, String ruleNow, String decisionAfter, String rule,
            String ruleId, String blocked, String file, String dropinDir, boolean needsRoot, String reload,
            JsonNode paths) {
    }

    /** {@code policy.show}. */
    public record PolicyText(String text) {
    }

    /** a lease ({@code lease.grant}'s result, and an item of the lists); times are iso-8601 instants. */
    public record Lease(int uid, String kind, String granted, String expires) {
    }

    /** {@code lease.list}: the caller's live leases and the kinds installed actions declare. */
    public record LeaseList(List<Lease> leases, Set<String> kinds) {
    }

    /** {@code lease.revoke}: the leases it ended. */
    public record LeaseRevoked(List<Lease> revoked) {
    }

    /**
     * {@code loop.turn}.
     *
     * @param turn the model's turn, as the loop writes it
     */
    public record LoopTurn(String txid, JsonNode turn, double modelMs, long sentBytes, Backend backend) {
        /** the backend that answered. */
        public record Backend(String name, boolean remote) {
        }
    }
}
