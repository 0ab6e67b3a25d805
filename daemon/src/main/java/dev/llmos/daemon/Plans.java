package dev.llmos.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.action.Caller;
import dev.llmos.catalog.ActionCatalog;
import dev.llmos.catalog.CatalogEntry;
import dev.llmos.planner.ChatBackend;
import dev.llmos.policy.Decision;
import dev.llmos.planner.HybridPlanner;
import dev.llmos.planner.IntentRouter;
import dev.llmos.planner.PlanCache;
import dev.llmos.planner.PlanContext;
import dev.llmos.planner.PlanValidator;
import dev.llmos.planner.PlannerConfig;
import dev.llmos.planner.PlanningException;
import dev.llmos.protocol.Json;
import dev.llmos.protocol.Plan;
import dev.llmos.protocol.PlanResult;
import dev.llmos.protocol.RpcException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * plans from plain words, and runs plans. planning is the embedded router (loaded on first use,
 * unloaded when idle) behind a cache; running a plan validates every step, checks them all with
 * policy before any runs (one denial stops the plan, one confirmation covers the whole plan), then
 * runs the steps in order through the same pipeline as single actions, skipping the rest after a
 * failure.
 */
final class Plans implements AutoCloseable {
    private final ActionCatalog catalog;
    private final ActionPipeline pipeline;
    private final Confirmations confirmations;
    private final IntentRouter router;
    private final HybridPlanner planner;
    private final PlanCache cache = new PlanCache(512);
    private final Duration idleUnload;
    private final ScheduledExecutorService unloader = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("planner-unload").factory());
    private volatile long lastUseNanos = System.nanoTime();

    Plans(ActionCatalog catalog, ActionPipeline pipeline, Confirmations confirmations, PlannerConfig config, Path stateDir,
            Duration idleUnload) {
        this.catalog = catalog;
        this.pipeline = pipeline;
        this.confirmations = confirmations;
        this.router = IntentRouter.miniLm(IntentRouter.Settings.DEFAULTS.withCacheDir(stateDir.resolve("planner")));
        this.planner = config.planner(router);
        this.idleUnload = idleUnload;
        long period = Math.max(1, Math.min(idleUnload.toSeconds(), 30));
        unloader.scheduleWithFixedDelay(this::unloadWhenIdle, period, period, TimeUnit.SECONDS);
    }

    /**
     * plans {@code text}. when the route leads to a remote llm that needs the person's consent, the
     * answer is -32002 with a token bound to the caller and the exact text; resent with it, the request
     * may leave the machine this once.
     */
    JsonNode create(Caller caller, String text, Path cwd, String confirm, RunContext run) throws RpcException {
        lastUseNanos = System.nanoTime();
        PlanContext context = PlanContext.of(catalog, caller, cwd);
        Confirmations.Consent consent = confirmations.redeem(confirm, Confirmations.subject(caller,
                Json.MAPPER.createObjectNode().put("method", "plan.create").put("text", text), ""), run);
        if (consent.given()) {
            context = context.withRemoteConsent();
        }
        try {
            return Json.toTree(cache.plan(planner, text, context));
        } catch (PlanningException e) {
            if (e.reason() == PlanningException.Reason.REMOTE_CONSENT) {
                throw confirmations.ask(consent, new Confirmations.Question(e.getMessage(), e.getMessage(),
                        "privacy." + planner.privacy().wireName(), () -> Json.MAPPER.createObjectNode()
                                .put("action", "plan.create").put("sends", text)
                                .put("privacy", planner.privacy().wireName())), run, Confirmations.Recorder.NONE);
            }
            throw e.toRpcException();
        } finally {
            lastUseNanos = System.nanoTime();
        }
    }

    PlanResult execute(Caller caller, JsonNode planJson, boolean dryRun, String confirm, RunContext context)
            throws RpcException {
        Plan plan = PlanValidator.check(PlanValidator.parse(planJson), catalog);
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

    /** each planner backend's state for {@code system.status}: the router, then the llms. */
    ArrayNode describe() {
        ArrayNode backends = Json.MAPPER.createArrayNode();
        backends.addObject().put("name", router.id()).put("kind", "router")
                .put("state", router.state().name().toLowerCase(java.util.Locale.ROOT));
        for (ChatBackend backend : planner.backends()) {
            backends.addObject().put("name", backend.name()).put("kind", "llm").put("model", backend.model())
                    .put("endpoint", backend.client().config().endpoint().toString()).put("remote", backend.remote())
                    .put("state", backend.observed().state().wireName()).put("since", backend.observed().since())
                    .put("error", backend.observed().error());
        }
        return backends;
    }

    /** the plan cache's counters for {@code system.status}. */
    ObjectNode cacheStats() {
        var stats = cache.stats();
        return Json.MAPPER.createObjectNode().put("hits", stats.hits()).put("misses", stats.misses())
                .put("entries", stats.size()).put("hit_rate", stats.hitRate());
    }

    /** whether an llm answered the last request it got (a local model server then holds its model). */
    boolean llmLoaded() {
        return planner.backends().stream().anyMatch(b -> b.observed().state() == ChatBackend.State.LOADED);
    }

    String privacy() {
        return planner.privacy().wireName();
    }

    /** the planner with its llm backends, which the loop shares. */
    HybridPlanner planner() {
        return planner;
    }

    boolean loaded() {
        return router.state() == IntentRouter.State.LOADED;
    }

    private void unloadWhenIdle() {
        if (System.nanoTime() - lastUseNanos > idleUnload.toNanos() && loaded()) {
            router.unload();
        }
    }

    @Override
    public void close() {
        unloader.shutdownNow();
        router.close();
        planner.backends().forEach(backend -> backend.client().close());
    }
}
