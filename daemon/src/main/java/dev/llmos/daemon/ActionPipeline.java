package dev.llmos.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.action.Caller;
import dev.llmos.action.Risk;
import dev.llmos.audit.AuditCaller;
import dev.llmos.audit.AuditEntry;
import dev.llmos.audit.AuditLog;
import dev.llmos.catalog.CatalogEntry;
import dev.llmos.policy.Decision;
import dev.llmos.policy.Evaluation;
import dev.llmos.policy.PolicyStore;
import dev.llmos.protocol.ActionResult;
import dev.llmos.protocol.ErrorCodes;
import dev.llmos.protocol.Json;
import dev.llmos.protocol.RpcException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * one validated action from decision to result, the same for a direct call, a plan step and an
 * undo: check its paths lexically, resolve them as the caller, ask policy, then deny, ask for
 * confirmation (a token bound to exactly this request), preview, or execute with the caller's
 * privileges (re-checking the approved paths) and journal its inverse. every request that reaches
 * policy is audited, durably, before the reply, whatever its outcome.
 */
final class ActionPipeline {
    private final CallerRunner runner;
    private final PolicyStore policy;
    private final AuditLog audit;
    private final ConfirmTokens tokens;
    private final Quarantines quarantines;
    private final UndoJournal journal;
    private final TxIds txids;
    private final Leases leases;

    ActionPipeline(CallerRunner runner, PolicyStore policy, AuditLog audit, ConfirmTokens tokens,
            Quarantines quarantines, UndoJournal journal, TxIds txids, Leases leases) {
        this.leases = leases;
        this.runner = runner;
        this.policy = policy;
        this.audit = audit;
        this.tokens = tokens;
        this.quarantines = quarantines;
        this.journal = journal;
        this.txids = txids;
    }

    /** the outcome recorded in the audit log, set as the request progresses. */
    private static final class Trail {
        Evaluation evaluation;
        String outcome = "failed";
        JsonNode changes;
    }

    /**
     * runs one action.
     *
     * @param confirm the confirmation token the client sent, or null
     * @param preconfirmed the caller already confirmed this exact action as part of a whole plan
     */
    ActionResult run(Caller caller, CatalogEntry.Bound bound, boolean dryRun, String confirm, boolean preconfirmed,
            RunContext context) throws RpcException {
        PolicyInputs.checkLexically(bound, "/params");
        String txid = txids.next();
        String name = bound.entry().name();
        Trail trail = new Trail();
        try {
            Map<String, List<String>> paths = runner.resolvePaths(caller, bound);
            trail.evaluation = policy.current().evaluate(PolicyInputs.of(caller, bound, paths,
                    leases.covers(caller, bound.entry().action())));
            Evaluation evaluation = trail.evaluation;
            if (evaluation.decision() == Decision.DENY) {
                trail.outcome = "denied";
                ObjectNode data = Json.MAPPER.createObjectNode().put("reason", evaluation.reason()).put("rule", evaluation.rule());
                throw RpcException.of(ErrorCodes.DENIED, "denied: " + evaluation.reason(), data);
            }
            if (bound.entry().action().risk() != Risk.READ && audit.sealed().isPresent()) {
                throw RpcException.internal("the audit log is sealed (" + audit.sealed().get()
                        + "); changes are refused until it is repaired");
            }
            Path quarantine = quarantines.forCaller(caller);
            if (dryRun || (evaluation.decision() == Decision.ASK && !preconfirmed && !confirmed(caller, bound, confirm))) {
                ObjectNode preview = preview(caller, bound, paths, quarantine, evaluation, context.session());
                if (dryRun) {
                    trail.outcome = "dry_run";
                    return new ActionResult(txid, name, ActionResult.DRY_RUN, preview, null);
                }
                trail.outcome = confirm == null ? "confirmation_required" : "confirmation_refused";
                throw confirmationRequired(caller, bound, preview, evaluation, confirm);
            }
            boolean elevated = Evaluation.ROOT.equals(evaluation.runAs());
            CallerSide.Outcome outcome = runner.execute(caller, bound, paths, quarantine, context, elevated);
            // an action that stopped early because its client cancelled returns what it had
            trail.outcome = context.cancelled() ? "cancelled" : "ok";
            boolean undoable = outcome.undo() != null;
            if (bound.entry().action().risk() != Risk.READ) {
                trail.changes = AuditEntries.redact(outcome.output());
            }
            if (undoable) {
                try {
                    journal.record(txid, caller.uid(), name, outcome.undo());
                } catch (IOException e) {
                    throw Failures.actionFailed(name + " ran, but its undo could not be journaled: " + e.getMessage(), null, null);
                }
            }
            return new ActionResult(txid, name, ActionResult.OK, outcome.output(), new ActionResult.Undo(undoable));
        } catch (RpcException e) {
            if (trail.outcome.equals("failed")) {
                // a client that cancelled (ctrl-c, a closed connection) is recorded as such
                trail.outcome = (context.cancelled() ? "cancelled: " : "failed: ") + e.getMessage();
            }
            throw Failures.withTxid(e, txid);
        } finally {
            if (trail.evaluation != null) {
                record(caller, bound, txid, trail);
            }
        }
    }

    private boolean confirmed(Caller caller, CatalogEntry.Bound bound, String confirm) {
        return confirm != null && tokens.redeem(confirm, caller.uid(), requestHash(bound)) == null;
    }

    private static String requestHash(CatalogEntry.Bound bound) {
        ObjectNode request = Json.MAPPER.createObjectNode().put("action", bound.entry().name());
        request.set("params", bound.normalized());
        return ConfirmTokens.hash(request);
    }

    private RpcException confirmationRequired(Caller caller, CatalogEntry.Bound bound, ObjectNode preview,
            Evaluation evaluation, String refused) {
        String token = tokens.issue(caller.uid(), requestHash(bound));
        ObjectNode data = Json.MAPPER.createObjectNode().put("confirm", token)
                .put("expires_s", tokens.lifetime().toSeconds())
                .put("reason", evaluation.reason()).put("rule", evaluation.rule());
        data.set("preview", preview);
        String why = refused == null ? ""
                : " (" + tokens.redeem(refused, caller.uid(), requestHash(bound)) + ")";
        return RpcException.of(ErrorCodes.CONFIRMATION_REQUIRED,
                "confirmation required: " + evaluation.reason() + why, data);
    }

    private ObjectNode preview(Caller caller, CatalogEntry.Bound bound, Map<String, List<String>> paths, Path quarantine,
            Evaluation evaluation, Map<String, String> session) throws RpcException {
        ObjectNode preview = Json.MAPPER.createObjectNode().put("action", bound.entry().name());
        preview.set("params", AuditEntries.params(bound));
        preview.put("risk", bound.entry().action().risk().wireName());
        preview.put("decision", evaluation.decision().wireName());
        preview.put("reason", evaluation.reason());
        preview.put("undoable", bound.undoable());
        preview.set("paths", Json.toTree(paths));
        try {
            JsonNode detail = runner.preview(caller, bound, quarantine, session);
            if (detail != null) {
                preview.set("preview", detail);
            }
        } catch (RpcException e) {
            // the preview could not be made (in a plan, an earlier step may create what this one needs)
            preview.put("preview_error", e.getMessage());
        }
        return preview;
    }

    private void record(Caller caller, CatalogEntry.Bound bound, String txid, Trail trail) throws RpcException {
        Evaluation evaluation = trail.evaluation;
        AuditEntry entry = new AuditEntry(AuditCaller.of(caller), bound.entry().name(),
                AuditEntries.params(bound), evaluation.decision().wireName(), evaluation.rule(),
                evaluation.reason(), trail.outcome, txid, trail.changes);
        try {
            audit.append(entry);
        } catch (IOException e) {
            throw RpcException.internal("the audit record of " + txid + " could not be written: " + e.getMessage());
        }
    }
}
