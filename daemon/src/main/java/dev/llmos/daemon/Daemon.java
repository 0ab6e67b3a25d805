package dev.llmos.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.catalog.ActionCatalog;
import dev.llmos.audit.AuditLog;
import dev.llmos.catalog.CatalogEntry;
import dev.llmos.planner.PlannerConfig;
import dev.llmos.planner.PlannerService;
import dev.llmos.policy.PolicyStore;
import dev.llmos.policy.PolicySuggestion;
import dev.llmos.protocol.ActionResult;
import dev.llmos.protocol.Json;
import dev.llmos.protocol.MethodParams;
import dev.llmos.protocol.MethodResults;
import dev.llmos.protocol.Methods;
import dev.llmos.protocol.RpcException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/** the protocol methods: what each one does, given the catalog and the runner. */
final class Daemon {
    static final String VERSION = versionOf();

    private final ActionCatalog catalog;
    private final CallerRunner runner;
    private final int uid;
    private final Path stateDir;
    private final InstantSource clock;
    private final Instant started;
    /** how long a confirmation token stays valid. */
    static final Duration CONFIRM_LIFETIME = Duration.ofMinutes(5);

    /** how long the embedded planner stays loaded without a request. */
    static final Duration PLANNER_IDLE_UNLOAD = Duration.ofMinutes(5);

    private final ActionPipeline pipeline;
    private final PlannerService planner;
    private final Plans plans;
    private final PolicyStore policy;
    private final AuditLog audit;
    private final UndoJournal journal;
    private final LeaseMethods leaseMethods;
    private final Loops loops;
    private final Leases leases;
    private final Fairness fairness;
    private volatile Server server;
    private volatile String activation = "";
    private volatile String socket = "";

    Daemon(ActionCatalog catalog, CallerRunner runner, PolicyStore policy, PlannerConfig plannerConfig, AuditLog audit,
            int uid, Path stateDir, InstantSource clock, Fairness fairness) {
        this.fairness = fairness;
        this.catalog = catalog;
        this.runner = runner;
        this.policy = policy;
        this.audit = audit;
        this.uid = uid;
        this.stateDir = stateDir;
        this.clock = clock;
        this.started = clock.instant();
        this.journal = new UndoJournal(stateDir, clock);
        Confirmations confirmations = new Confirmations(new ConfirmTokens(clock, CONFIRM_LIFETIME,
                fairness.limits().tokensPerUser()));
        TxIds txids = new TxIds(clock);
        this.leases = new Leases(stateDir, clock);
        this.pipeline = new ActionPipeline(runner, policy, audit, confirmations, new Quarantines(stateDir), journal, txids,
                leases);
        this.leaseMethods = new LeaseMethods(catalog, leases, confirmations, audit, txids);
        this.planner = PlannerService.start(plannerConfig, stateDir.resolve("planner"), PLANNER_IDLE_UNLOAD);
        this.plans = new Plans(catalog, pipeline, confirmations, planner);
        this.loops = new Loops(catalog, planner, confirmations, audit, txids);
    }

    /** the server and socket this daemon answers on, for {@code system.status}. */
    void close() {
        planner.close();
    }

    void attach(Server server, String activation, String socket) {
        this.server = server;
        this.activation = activation;
        this.socket = socket;
    }

    Dispatcher dispatcher() {
        return new Dispatcher()
                .method(Methods.PING, MethodParams.None.class, (p, call) -> Json.toTree(new MethodResults.Pong(true)))
                .method(Methods.STATUS, MethodParams.None.class, (p, call) -> status(call))
                .method(Methods.ACTIONS_LIST, MethodParams.ActionsList.class, (p, call) -> actions(p))
                .longMethod(Methods.ACTION_EXECUTE, MethodParams.Execute.class, this::execute)
                .longMethod(Methods.UNDO_APPLY, MethodParams.Undo.class, this::undo)
                .longMethod(Methods.PLAN_CREATE, MethodParams.PlanCreate.class,
                        (p, call) -> plans.create(call.caller(), p.text(), p.cwd() == null ? null : Path.of(p.cwd()),
                                p.confirm(), call.context()))
                .longMethod(Methods.PLAN_EXECUTE, MethodParams.PlanExecute.class,
                        (p, call) -> Json.toTree(plans.execute(call.caller(), p.plan(), p.dryRun(), p.confirm(), call.context())))
                .longMethod(Methods.LOOP_TURN, Loops.Params.class, (p, call) -> loops.turn(p, call.caller(), call.context()))
                .method(Methods.UNDO_LIST, MethodParams.None.class, this::undoList)
                .method(Methods.AUDIT_TAIL, MethodParams.AuditTail.class, this::auditTail)
                .longMethod(Methods.AUDIT_VERIFY, MethodParams.None.class, (p, call) -> auditVerify())
                .method(Methods.POLICY_CHECK, MethodParams.PolicyCheck.class, this::policyCheck)
                .method(Methods.POLICY_SUGGEST, MethodParams.PolicySuggest.class, this::policySuggest)
                .method(Methods.POLICY_SHOW, MethodParams.None.class,
                        (p, call) -> Json.toTree(new MethodResults.PolicyText(policy.current().show())))
                .method(Methods.LEASE_GRANT, MethodParams.LeaseGrant.class,
                        (p, call) -> leaseMethods.grant(p, call.caller(), call.context()))
                .method(Methods.LEASE_REVOKE, MethodParams.LeaseRevoke.class,
                        (p, call) -> leaseMethods.revoke(p, call.caller()))
                .method(Methods.LEASE_LIST, MethodParams.None.class, (p, call) -> Json.toTree(leaseMethods.list(call.caller())));
    }

    private JsonNode status(Dispatcher.Call call) {
        // a non-root caller sees only its own executors: other users' uids and pids are theirs
        Integer only = call.caller().isRoot() ? null : call.caller().uid();
        return Json.toTree(new MethodResults.Status(VERSION, ProcessHandle.current().pid(), uid,
                uid == 0 ? "system" : "user", Duration.between(started, clock.instant()).toSeconds(), activation, socket,
                stateDir.toString(), server == null ? 0 : server.connectionCount(), catalog.entries().size(),
                catalog.version(), Json.toTree(call.caller()), runner.executors().describe().stream()
                        .filter(executor -> only == null || executor.get("uid") == only.longValue()).toList(),
                fairness.usage(call.caller().uid()), PlannerStatus.backends(planner), PlannerStatus.cache(planner),
                planner.llmLoaded(), planner.privacy().wireName(), audit.sealed().orElse(null),
                leaseMethods.list(call.caller()).leases()));
    }

    private JsonNode actions(MethodParams.ActionsList params) {
        List<MethodResults.ActionInfo> actions = new ArrayList<>();
        for (CatalogEntry entry : catalog.entries()) {
            if (params.names() != null && !params.names().contains(entry.name())) {
                continue;
            }
            Map<String, String> roles = new LinkedHashMap<>();
            entry.pathRoles().forEach((param, role) -> roles.put(param, role.name().toLowerCase(Locale.ROOT)));
            actions.add(new MethodResults.ActionInfo(entry.name(), entry.action().description(),
                    entry.action().risk().wireName(), entry.schema(), entry.action().examples(), entry.pathParams(), roles,
                    List.copyOf(new TreeSet<>(entry.sensitiveParams()))));
        }
        return Json.toTree(new MethodResults.ActionList(actions));
    }

    private JsonNode execute(MethodParams.Execute params, Dispatcher.Call call) throws RpcException {
        CatalogEntry.Bound bound = catalog.require(params.action(), "/params/action").bind(params.params(), "/params/params");
        return Json.toTree(pipeline.run(call.caller(), bound, params.dryRun(),
                new ActionPipeline.Confirmation.Token(params.confirm()), call.context()));
    }

    private JsonNode undo(MethodParams.Undo params, Dispatcher.Call call) throws RpcException {
        UndoJournal.Entry entry = journal.find(params.txid());
        if (entry == null || (entry.uid() != call.caller().uid() && !call.caller().isRoot())) {
            throw RpcException.invalidParams("/params/txid", "nothing to undo for " + params.txid());
        }
        if (entry.applied() != null) {
            throw Failures.actionFailed(params.txid() + " was already undone by " + entry.applied(), null, null);
        }
        CatalogEntry.Bound bound = catalog.require(entry.inverse().action(), "/params/txid")
                .bind(entry.inverse().params(), "/params/txid");
        if (params.dryRun()) {
            return Json.toTree(pipeline.run(call.caller(), bound, true,
                    new ActionPipeline.Confirmation.Token(params.confirm()), call.context()));
        }
        // exactly once: the first undo claims the txid; a concurrent one is refused until the claim
        // ends, and after a success for good
        String claimedBy = journal.claim(params.txid());
        if (claimedBy != null) {
            throw Failures.actionFailed(params.txid() + " " + claimedBy, null, null);
        }
        boolean applied = false;
        try {
            ActionResult result = pipeline.run(call.caller(), bound, false,
                    new ActionPipeline.Confirmation.Token(params.confirm()), call.context());
            try {
                journal.markApplied(params.txid(), result.txid());
                applied = true;
            } catch (java.io.IOException e) {
                throw Failures.actionFailed("undone, but the journal could not record it: " + e.getMessage(), null, null);
            }
            return Json.toTree(result);
        } finally {
            if (!applied) {
                journal.release(params.txid());
            }
        }
    }

    private JsonNode auditTail(MethodParams.AuditTail params, Dispatcher.Call call) throws RpcException {
        Integer only = call.caller().isRoot() ? null : call.caller().uid();
        try {
            return Json.toTree(new MethodResults.AuditTail(Json.toTree(audit.tail(params.limit(), only))));
        } catch (java.io.IOException e) {
            throw RpcException.internal("cannot read the audit log: " + e.getMessage());
        }
    }

    private JsonNode auditVerify() throws RpcException {
        try {
            return Json.toTree(audit.verify());
        } catch (java.io.IOException e) {
            throw RpcException.internal("cannot read the audit log: " + e.getMessage());
        }
    }

    private JsonNode policyCheck(MethodParams.PolicyCheck params, Dispatcher.Call call) throws RpcException {
        var input = policyInput(params.action(), params.params(), call);
        var current = policy.current();
        var evaluation = current.evaluate(input);
        return Json.toTree(new MethodResults.PolicyCheck(evaluation.decision().wireName(), evaluation.rule(),
                evaluation.reason(), Json.toTree(evaluation.matched()), evaluation.runAs(), evaluation.capabilities(),
                Json.toTree(input.paths()), current.explain(evaluation)));
    }

    /** what policy decides on for one request, its paths resolved as the caller sees them. */
    private dev.llmos.policy.PolicyInput policyInput(String action, ObjectNode params, Dispatcher.Call call)
            throws RpcException {
        CatalogEntry.Bound bound = catalog.require(action, "/params/action").bind(params, "/params/params");
        PolicyInputs.checkLexically(bound, "/params/params");
        try (Resolution resolution = runner.resolve(call.caller(), bound)) {
            return PolicyInputs.of(call.caller(), bound, resolution.paths(), leases.covers(call.caller(), bound.entry().action()));
        }
    }

    /**
     * the smallest rule that would let this exact request through, checked by the policy loader
     * against the rules in force, and the file it goes in.
     */
    private JsonNode policySuggest(MethodParams.PolicySuggest params, Dispatcher.Call call) throws RpcException {
        var input = policyInput(params.action(), params.params(), call);
        java.util.Set<String> given = new java.util.HashSet<>();
        params.params().fieldNames().forEachRemaining(given::add);
        dev.llmos.policy.Decision wanted = params.decision() == null ? null
                : dev.llmos.policy.Decision.fromWireName(params.decision());
        PolicySuggestion.Result suggestion;
        try {
            suggestion = PolicySuggestion.suggest(policy.current(), input, given, wanted);
        } catch (dev.llmos.policy.PolicyException e) {
            throw RpcException.internal("the suggested rule does not load: " + e.getMessage());
        }
        return Json.toTree(new MethodResults.PolicySuggest(input.action(), suggestion.before().wireName(),
                suggestion.beforeRule(), suggestion.after().wireName(), suggestion.rule(), suggestion.ruleId(),
                suggestion.blocked(), policy.file().toString(), policy.dir().toString(),
                uid == 0 && !call.caller().isRoot(),
                (uid == 0 ? "systemctl reload llm-osd" : "systemctl --user reload llm-osd")
                        + " (or kill -HUP " + ProcessHandle.current().pid() + ")", Json.toTree(input.paths())));
    }

    private JsonNode undoList(MethodParams.None params, Dispatcher.Call call) {
        return Json.toTree(new MethodResults.UndoList(journal.list(call.caller().uid()).stream()
                .map(entry -> new MethodResults.UndoEntry(entry.txid(), entry.action(), entry.time(), entry.uid(),
                        entry.inverse().action(), entry.applied()))
                .toList()));
    }

    private static String versionOf() {
        String version = Daemon.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
