package dev.llmos.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.action.Caller;
import dev.llmos.catalog.ActionCatalog;
import dev.llmos.catalog.CatalogEntry;
import dev.llmos.policy.Decision;
import dev.llmos.planner.PlanContext;
import dev.llmos.planner.PlannerService;
import dev.llmos.planner.PlanningException;
import dev.llmos.protocol.Json;
import dev.llmos.protocol.Plan;
import dev.llmos.protocol.PlanResult;
import dev.llmos.protocol.RpcException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * plans from plain words, and runs plans. planning is the planner's ({@link PlannerService}: the
 * embedded router and the configured llms behind a cache); running a plan validates every step,
 * checks them all with policy before any runs (one denial stops the plan, one confirmation covers the whole plan), then
 * runs the steps in order through the same pipeline as single actions, skipping the rest after a
 * failure.
 */
final class Plans {
    private final ActionCatalog catalog;
    private final ActionPipeline pipeline;
    private final Confirmations confirmations;
    private final PlannerService planner;

    Plans(ActionCatalog catalog, ActionPipeline pipeline, Confirmations confirmations, PlannerService planner) {
        this.catalog = catalog;
        this.pipeline = pipeline;
        this.confirmations = confirmations;
        this.planner = planner;
    }

    /**
     * plans {@code text}. when the route leads to a remote llm that needs the person's consent, the
     * answer is -32002 with a token bound to the caller and the exact text; resent with it, the request
     * may leave the machine this once.
     */
    JsonNode create(Caller caller, String text, Path cwd, String confirm, RunContext run) throws RpcException {
        PlanContext context = PlanContext.of(catalog, caller, cwd);
        Confirmations.Consent consent = confirmations.redeem(confirm, Confirmations.subject(caller,
                Json.MAPPER.createObjectNode().put("method", "plan.create").put("text", text), ""), run);
        if (consent.given()) {
            context = context.withRemoteConsent();
        }
        try {
            return Json.toTree(planner.plan(text, context));
        } catch (PlanningException e) {
            if (e.reason() == PlanningException.Reason.REMOTE_CONSENT) {
                throw confirmations.ask(consent, new Confirmations.Question(e.getMessage(), e.getMessage(),
                        "privacy." + planner.privacy().wireName(), () -> Json.MAPPER.createObjectNode()
                                .put("action", "plan.create").put("sends", text)
                                .put("privacy", planner.privacy().wireName())), run, Confirmations.Recorder.NONE);
            }
            throw e.toRpcException();
        }
    }

    PlanResult execute(Caller caller, JsonNode planJson, boolean dryRun, String confirm, RunContext context)
            throws RpcException {
        Plan plan = PlannerService.check(planJson, catalog);
        List<CatalogEntry.Bound> steps = new ArrayList<>();
        for (int i = 0; i < plan.steps().size(); i++) {
            Plan.Step step = plan.steps().get(i);
            String at = "/params/plan/steps/" + i;
            steps.add(catalog.require(step.action(), at + "/action").bind(step.params(), at + "/params"));
        }
        // every step is decided (and previewed) before any runs
        ArrayNode previews = Json.MAPPER.createArrayNode();
        List<ActionPipeline.Previewed> decided = new ArrayList<>();
        boolean ask = false;
        for (int i = 0; i < steps.size(); i++) {
            ActionPipeline.Previewed previewed;
            try {
                previewed = pipeline.preview(caller, steps.get(i), context);
            } catch (RpcException e) {
                throw atStep(e, i);
            }
            decided.add(previewed);
            previews.add(previewed.preview());
            ask |= previewed.decision() == Decision.ASK;
        }
        List<PlanResult.Step> results = new ArrayList<>();
        if (dryRun) {
            for (int i = 0; i < steps.size(); i++) {
                results.add(PlanResult.Step.dryRun(i, steps.get(i).entry().name(), previews.get(i)));
            }
            return new PlanResult(results);
        }
        if (ask) {
            confirmWhole(caller, plan, decided, previews, confirm, context);
        }
        boolean failed = false;
        for (int i = 0; i < steps.size(); i++) {
            String name = steps.get(i).entry().name();
            if (failed || context.cancelled()) {
                // after a failure, or once the client cancelled (ctrl-c, a closed connection), nothing more runs
                results.add(PlanResult.Step.skipped(i, name, failed ? null : PlanResult.CANCELLED));
                continue;
            }
            try {
                results.add(PlanResult.Step.ran(i, pipeline.run(caller, steps.get(i), false,
                        new ActionPipeline.Confirmation.InPlan(decided.get(i).facts()), context)));
            } catch (RpcException e) {
                failed = true;
                results.add(PlanResult.Step.failed(i, name, e.error()));
            }
        }
        return new PlanResult(results);
    }

    /**
     * returns when the person confirmed this whole plan on these objects (a token bound to the plan's
     * hash and every step's object identities); otherwise -32002 with every step's preview.
     */
    private void confirmWhole(Caller caller, Plan plan, List<ActionPipeline.Previewed> decided, ArrayNode previews,
            String confirm, RunContext context) throws RpcException {
        StringBuilder objects = new StringBuilder();
        for (int i = 0; i < decided.size(); i++) {
            objects.append(i).append(':').append(decided.get(i).facts()).append(';');
        }
        // each step's preview was audited as a dry run; the plan's confirmation adds no record of its own
        confirmations.require(confirm, Confirmations.subject(caller, Json.toTree(plan), objects.toString()), context,
                new Confirmations.Question("the plan changes this machine", null, null, () -> {
                    ObjectNode preview = Json.MAPPER.createObjectNode();
                    preview.set("steps", previews);
                    return preview;
                }), Confirmations.Recorder.NONE);
    }

    private static RpcException atStep(RpcException e, int step) {
        ObjectNode data = e.error().data() instanceof ObjectNode object ? object.deepCopy() : Json.MAPPER.createObjectNode();
        data.put("step", step);
        return RpcException.of(e.error().code(), "step " + (step + 1) + ": " + e.error().message(), data);
    }
}
