package dev.llmos.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.action.Caller;
import dev.llmos.action.PathParam;
import dev.llmos.action.Risk;
import dev.llmos.audit.AuditCaller;
import dev.llmos.audit.AuditEntry;
import dev.llmos.audit.AuditLog;
import dev.llmos.audit.Outcome;
import dev.llmos.catalog.CatalogEntry;
import dev.llmos.catalog.ResolvedParams;
import dev.llmos.policy.Decision;
import dev.llmos.policy.Evaluation;
import dev.llmos.policy.PolicyStore;
import dev.llmos.protocol.ActionResult;
import dev.llmos.protocol.ErrorCodes;
import dev.llmos.protocol.Json;
import dev.llmos.protocol.RpcException;
import dev.llmos.protocol.StepStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * one validated action from decision to result, the same for a direct call, a plan step and an
 * undo: check its paths lexically, resolve them once as the caller into descriptors, ask policy
 * about what those really are, then deny, ask for confirmation (a token bound to exactly this
 * request and these objects), preview, or execute on the held descriptors and journal the inverse.
 * every request that reaches policy is audited, durably, before the reply, whatever its outcome.
 */
final class ActionPipeline {
    /** the rule a denial names when the resolver, not policy, refused a path. */
    static final String RESOLVER_RULE = "resolver";

    private final CallerRunner runner;
    private final PolicyStore policy;
    private final AuditLog audit;
    private final Confirmations confirmations;
    private final Quarantines quarantines;
    private final UndoJournal journal;
    private final TxIds txids;
    private final Leases leases;

    ActionPipeline(CallerRunner runner, PolicyStore policy, AuditLog audit, Confirmations confirmations,
            Quarantines quarantines, UndoJournal journal, TxIds txids, Leases leases) {
        this.leases = leases;
        this.runner = runner;
        this.policy = policy;
        this.audit = audit;
        this.confirmations = confirmations;
        this.quarantines = quarantines;
        this.journal = journal;
        this.txids = txids;
    }

    /** how a request says it is confirmed. */
    sealed interface Confirmation {
        /** nothing sent: an ask is answered with a preview and a token. */
        Confirmation NONE = new Token(null);

        /** the token the client sent back, or none ({@code token} null). */
        record Token(String token) implements Confirmation {
        }

        /**
         * confirmed as one step of a whole plan; every object that existed when the plan was
         * previewed ({@code previewed}) must still be the same object.
         */
        record InPlan(Map<String, ResolvedParams.Fact> previewed) implements Confirmation {
        }
    }

    /**
     * a step decided and previewed without running, for a plan.
     *
     * @param facts what its paths resolved to, for checking again when it runs
     */
    record Previewed(ObjectNode preview, Decision decision, Map<String, ResolvedParams.Fact> facts) {
    }

    /** the outcome recorded in the audit log, set as the request progresses. */
    private static final class Trail {
        Evaluation evaluation;
        Outcome outcome = Outcome.FAILED;
        String detail;
        JsonNode changes;

        void set(Outcome outcome) {
            this.outcome = outcome;
        }

        /** an outcome with its detail, decided before the request ends (a refusal, an ask). */
        void decided(Outcome outcome, String detail) {
            this.outcome = outcome;
            this.detail = detail;
        }

        /** a failure, or a cancellation, with its message, unless the request already has an outcome. */
        void failedUnlessDecided(boolean cancelled, String message) {
            if (outcome == Outcome.FAILED && detail == null) {
                outcome = cancelled ? Outcome.CANCELLED : Outcome.FAILED;
                detail = message;
            }
        }

        String text() {
            return outcome.text(detail);
        }
    }

    /** runs one action, or with {@code dryRun} only previews it. */
    ActionResult run(Caller caller, CatalogEntry.Bound bound, boolean dryRun, Confirmation confirmation,
            RunContext context) throws RpcException {
        PolicyInputs.checkLexically(bound, "/params");
        String txid = txids.next();
        String name = bound.entry().name();
        Trail trail = new Trail();
        ActionResult result;
        try (Resolution resolution = resolve(caller, bound, trail)) {
            Evaluation evaluation = decide(caller, bound, resolution, trail);
            Path quarantine = quarantines.forCaller(caller);
            if (dryRun) {
                ObjectNode preview = preview(caller, bound, resolution, quarantine, evaluation, context);
                trail.set(Outcome.DRY_RUN);
                result = new ActionResult(txid, name, StepStatus.DRY_RUN, preview, null);
            } else {
                result = execute(caller, bound, resolution, quarantine, evaluation, confirmation, context, txid, trail);
            }
        } catch (RpcException e) {
            // a client that cancelled (ctrl-c, a closed connection) is recorded as such
            trail.failedUnlessDecided(context.cancelled(), e.getMessage());
            RpcException failure = Failures.withTxid(e, txid);
            record(caller, bound, txid, trail, String.valueOf(failure.error().code()));
            throw failure;
        } catch (RuntimeException e) {
            trail.set(Outcome.FAILED);
            trail.detail = e.toString();
            record(caller, bound, txid, trail, "with the failure");
            throw e;
        }
        record(caller, bound, txid, trail, "with its result");
        return result;
    }

    private ActionResult execute(Caller caller, CatalogEntry.Bound bound, Resolution resolution, Path quarantine,
            Evaluation evaluation, Confirmation confirmation, RunContext context, String txid, Trail trail)
            throws RpcException {
        String name = bound.entry().name();
        confirm(caller, bound, resolution, quarantine, evaluation, confirmation, context, trail);
        boolean changes = changes(bound);
        if (changes && audit.sealed().isPresent()) {
            throw RpcException.internal("the audit log is sealed (" + audit.sealed().get()
                    + "); changes are refused until it is repaired");
        }
        java.util.Set<String> elevation = Evaluation.ROOT.equals(evaluation.runAs()) ? evaluation.capabilities() : null;
        CallerSide.Outcome outcome = runner.execute(caller, bound, resolution, quarantine, context, elevation);
        // an action that stopped early because its client cancelled returns what it had
        trail.set(context.cancelled() ? Outcome.CANCELLED : Outcome.OK);
        if (changes) {
            trail.changes = AuditEntries.redact(outcome.output());
        }
        boolean undoable = outcome.undo() != null;
        if (undoable) {
            try {
                journal.record(txid, caller.uid(), name, outcome.undo());
            } catch (IOException e) {
                throw Failures.actionFailed(name + " ran, but its undo could not be journaled: " + e.getMessage(),
                        null, null);
            }
        }
        return new ActionResult(txid, name, StepStatus.OK, outcome.output(), new ActionResult.Undo(undoable));
    }

    /** decides and previews one step of a plan, running nothing; audited as a dry run. */
    Previewed preview(Caller caller, CatalogEntry.Bound bound, RunContext context) throws RpcException {
        PolicyInputs.checkLexically(bound, "/params");
        String txid = txids.next();
        Trail trail = new Trail();
        Previewed previewed;
        try (Resolution resolution = resolve(caller, bound, trail)) {
            Evaluation evaluation = decide(caller, bound, resolution, trail);
            ObjectNode preview = preview(caller, bound, resolution, quarantines.forCaller(caller), evaluation, context);
            trail.set(Outcome.DRY_RUN);
            previewed = new Previewed(preview, evaluation.decision(), resolution.facts());
        } catch (RpcException e) {
            trail.failedUnlessDecided(false, e.getMessage());
            RpcException failure = Failures.withTxid(e, txid);
            record(caller, bound, txid, trail, String.valueOf(failure.error().code()));
            throw failure;
        }
        record(caller, bound, txid, trail, "with its preview");
        return previewed;
    }

    /** resolves the paths once; a path the resolver refuses is a denial, audited like one. */
    private Resolution resolve(Caller caller, CatalogEntry.Bound bound, Trail trail) throws RpcException {
        try {
            return runner.resolve(caller, bound);
        } catch (RpcException e) {
            if (e.error().code() == ErrorCodes.DENIED) {
                String reason = e.error().data() == null ? e.getMessage() : e.error().data().path("reason").asText();
                trail.evaluation = new Evaluation(Decision.DENY, RESOLVER_RULE, reason, List.of(), null);
                trail.set(Outcome.DENIED);
            }
            throw e;
        }
    }

    /** asks policy about what the paths really are; a denial is thrown. */
    private Evaluation decide(Caller caller, CatalogEntry.Bound bound, Resolution resolution, Trail trail)
            throws RpcException {
        trail.evaluation = policy.current().evaluate(PolicyInputs.of(caller, bound, resolution.paths(),
                leases.covers(caller, bound.entry().action())));
        Evaluation evaluation = trail.evaluation;
        if (evaluation.decision() == Decision.DENY) {
            trail.set(Outcome.DENIED);
            ObjectNode data = Json.MAPPER.createObjectNode().put("reason", evaluation.reason())
                    .put("rule", evaluation.rule());
            throw RpcException.of(ErrorCodes.DENIED, "denied: " + evaluation.reason(), data);
        }
        return evaluation;
    }

    /**
     * returns when the request may run: policy allows it, or the person confirmed exactly this
     * request on exactly these objects (a token bound to them, through {@link Confirmations}).
     */
    private void confirm(Caller caller, CatalogEntry.Bound bound, Resolution resolution, Path quarantine,
            Evaluation evaluation, Confirmation confirmation, RunContext context, Trail trail) throws RpcException {
        if (evaluation.decision() != Decision.ASK) {
            return;
        }
        if (confirmation instanceof Confirmation.InPlan inPlan) {
            String changed = changedSince(inPlan.previewed(), resolution.facts());
            if (changed != null) {
                trail.set(Outcome.CONFIRMATION_REFUSED);
                throw Failures.actionFailed("refused: " + changed + " is not what the confirmed plan previewed "
                        + "(it changed since); preview and confirm the plan again", null, null);
            }
            return;
        }
        // the trail writes the record once the request ends, like every other outcome
        confirmations.require(((Confirmation.Token) confirmation).token(),
                Confirmations.subject(caller, request(bound), resolution.identities()), context,
                new Confirmations.Question(evaluation.reason(), evaluation.reason(), evaluation.rule(),
                        () -> preview(caller, bound, resolution, quarantine, evaluation, context)),
                (outcome, detail) -> trail.decided(outcome, detail));
    }

    /** the first path whose object existed at the plan's preview and is another object now, or null. */
    private static String changedSince(Map<String, ResolvedParams.Fact> previewed, Map<String, ResolvedParams.Fact> now) {
        if (previewed == null) {
            return null;
        }
        for (var entry : previewed.entrySet()) {
            ResolvedParams.Fact then = entry.getValue();
            ResolvedParams.Fact current = now.get(entry.getKey());
            if (then.existed() && (current == null || !then.identity().equals(current.identity())
                    || !then.path().equals(current.path()))) {
                return then.path();
            }
        }
        return null;
    }

    /** what a token for {@code bound} is bound to: the action and its normalized params. */
    private static ObjectNode request(CatalogEntry.Bound bound) {
        ObjectNode request = Json.MAPPER.createObjectNode().put("action", bound.entry().name());
        request.set("params", bound.normalized());
        return request;
    }

    private ObjectNode preview(Caller caller, CatalogEntry.Bound bound, Resolution resolution, Path quarantine,
            Evaluation evaluation, RunContext context) throws RpcException {
        ObjectNode preview = Json.MAPPER.createObjectNode().put("action", bound.entry().name());
        preview.set("params", AuditEntries.params(bound));
        preview.put("risk", bound.entry().action().risk().wireName());
        preview.put("decision", evaluation.decision().wireName());
        preview.put("reason", evaluation.reason());
        preview.put("undoable", bound.undoable());
        preview.set("paths", Json.toTree(resolution.paths()));
        try {
            JsonNode detail = runner.preview(caller, bound, resolution, quarantine, context.session());
            if (detail != null) {
                preview.set("preview", detail);
            }
        } catch (RpcException e) {
            // the preview could not be made (in a plan, an earlier step may create what this one needs)
            preview.put("preview_error", e.getMessage());
        }
        return preview;
    }

    /**
     * writes the audit record of a request that reached policy, whatever its end: a denial, a
     * refusal, a failed run or a completed one. a record that cannot be written leaves the answer
     * ({@code answered}) as it is ({@link Unrecorded}).
     */
    private void record(Caller caller, CatalogEntry.Bound bound, String txid, Trail trail, String answered) {
        if (trail.evaluation == null) {
            return;
        }
        try {
            AuditEntry entry = entry(caller, bound, txid, trail);
            if (ownRead(bound, trail.evaluation)) {
                // a read the policy allowed and that ran with the caller's own privileges changed nothing and
                // showed the caller nothing it could not read itself: its record is written before the reply and
                // synced with the next durable record or within `AuditOptions.UNSYNCED_AT_MOST`
                // (docs/security.md, "audit durability")
                audit.appendUnsynced(entry);
            } else {
                audit.append(entry);
            }
        } catch (IOException e) {
            Unrecorded.report(txid + " (" + bound.entry().name() + " " + trail.text() + ")", e,
                    "the client was answered " + answered);
        }
    }

    /**
     * true for a read the policy allowed outright, that runs as the caller and writes no file: a denial, a
     * question, a change, a read elevated by a rule ({@code run_as = "root"}) and a read given an output path (a
     * screenshot saved to a file) are recorded durably before the reply.
     */
    private static boolean ownRead(CatalogEntry.Bound bound, Evaluation evaluation) {
        return !changes(bound) && evaluation.decision() == Decision.ALLOW && evaluation.runAs() == null;
    }

    /**
     * whether the request changes something: an action whose risk is above read, or a read given a path it
     * writes (a screenshot saved to a file). a sealed log refuses it, and its record carries what it changed.
     */
    private static boolean changes(CatalogEntry.Bound bound) {
        return bound.entry().action().risk() != Risk.READ || bound.entry().pathRoles().entrySet().stream()
                .anyMatch(role -> role.getValue() == PathParam.Role.OUTPUT && bound.normalized().hasNonNull(role.getKey()));
    }

    private static AuditEntry entry(Caller caller, CatalogEntry.Bound bound, String txid, Trail trail) {
        Evaluation evaluation = trail.evaluation;
        return new AuditEntry(AuditCaller.of(caller), bound.entry().name(), AuditEntries.params(bound),
                evaluation.decision().wireName(), evaluation.rule(), evaluation.reason(), trail.text(), txid,
                trail.changes);
    }
}
