package dev.llmos.shell;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.loop.Budget;
import dev.llmos.loop.Call;
import dev.llmos.loop.Digest;
import dev.llmos.loop.Result;
import dev.llmos.loop.Spend;
import dev.llmos.loop.Turn;
import dev.llmos.protocol.ErrorCodes;
import dev.llmos.protocol.Json;
import dev.llmos.protocol.MethodParams;
import dev.llmos.protocol.Methods;
import dev.llmos.protocol.Plan;
import dev.llmos.protocol.RpcError;
import java.util.ArrayList;
import java.util.List;

/**
 * runs one turn's calls through the daemon's ordinary entry points, so that validation, policy,
 * confirmation, audit and undo decide exactly as for any request. a turn of reads runs call by call
 * ({@code action.execute}); a turn with any change is first dry-run as a whole ({@code plan.execute}
 * with {@code dry_run}: every step decided and previewed, a denial stops it), shown to the person,
 * and only once they agree run step by step (one confirmation covers the batch: a step policy asks
 * about runs with the token issued for exactly it; after a failure the rest is skipped; ctrl-c stops
 * between steps). each output is cut to what the budget lets the model see.
 */
final class LoopSteps {
    /** how the person decides a batch of changes (live, or as a recording says). */
    @FunctionalInterface
    interface Decider {
        Turn.Decision decide(List<Call> changes, List<JsonNode> previews);
    }

    /**
     * what became of a turn's calls.
     *
     * @param results one per call
     * @param decision how the changes were decided
     */
    record Outcome(List<Result> results, Turn.Decision decision) {
    }

    private final Context context;
    private final Interrupts interrupts;
    private final RunLog log;

    LoopSteps(Context context, Interrupts interrupts, RunLog log) {
        this.context = context;
        this.interrupts = interrupts;
        this.log = log;
    }

    /**
     * runs {@code turn}'s calls; {@code budget} and {@code spent} (before this turn) decide how many may
     * run and how much of each output the model sees.
     */
    Outcome run(String request, Turn turn, Budget budget, Spend spent, Decider decider) throws CliException {
        int allowed = budget.stepsLeft(spent);
        List<Call> calls = turn.calls().subList(0, Math.min(allowed, turn.calls().size()));
        Feed feed = new Feed(budget, spent.shownBytes());
        Outcome outcome = calls.stream().allMatch(Call::isRead) ? reads(calls, feed, decider)
                : batch(request, turn.model(), calls, feed, decider);
        List<Result> results = new ArrayList<>(outcome.results());
        for (Call call : turn.calls().subList(calls.size(), turn.calls().size())) {
            results.add(Result.of(call.id(), Result.Status.NOT_RUN, "the budget of " + budget.steps()
                    + " steps is used up"));
        }
        return new Outcome(results, outcome.decision());
    }

    /** the bytes each output may still take: its own cap, within what the loop has left. */
    private static final class Feed {
        private final Budget budget;
        private long shown;

        Feed(Budget budget, long shown) {
            this.budget = budget;
            this.shown = shown;
        }

        Result ok(String id, JsonNode output) {
            long limit = Math.max(Budget.MIN_STEP_BYTES, Math.min(budget.stepBytes(), budget.outputBytes() - shown));
            Result result = Result.ok(id, Digest.feed(output, limit));
            shown += result.shown();
            return result;
        }
    }

    private Outcome reads(List<Call> calls, Feed feed, Decider decider) throws CliException {
        List<Result> results = new ArrayList<>();
        Turn.Decision decision = Turn.Decision.NONE;
        for (Call call : calls) {
            Asked asked = one(call, feed, (error) -> decider.decide(List.of(call), List.of(error.data().path("preview"))));
            results.add(asked.result());
            decision = asked.decision() == null ? decision : asked.decision();
        }
        return new Outcome(results, decision);
    }

    /** a result and, when policy asked about the call, how the person decided. */
    private record Asked(Result result, Turn.Decision decision) {
    }

    /** runs one call through {@code action.execute}; when policy asks, {@code ask} decides. */
    private Asked one(Call call, Feed feed, java.util.function.Function<RpcError, Turn.Decision> ask) throws CliException {
        if (interrupts.fired()) {
            return new Asked(Result.of(call.id(), Result.Status.NOT_RUN, stopped()), null);
        }
        JsonNode request = new MethodParams.Execute(call.action(), call.params(), null, null).toTree();
        long start = System.nanoTime();
        try {
            return new Asked(executed(call, context.call(Methods.ACTION_EXECUTE, request), feed, start), null);
        } catch (CliException e) {
            RpcError error = e.error();
            if (error == null || error.code() != ErrorCodes.CONFIRMATION_REQUIRED || error.data() == null) {
                return new Asked(failure(call, e), null);
            }
            Turn.Decision decision = ask.apply(error);
            if (decision != Turn.Decision.CONFIRMED) {
                return new Asked(Result.of(call.id(), decision == Turn.Decision.DECLINED ? Result.Status.DECLINED
                        : Result.Status.NOT_RUN, notConfirmed(decision)), decision);
            }
            try {
                return new Asked(executed(call, context.call(Methods.ACTION_EXECUTE,
                        new MethodParams.Execute(call.action(), call.params(), null, error.data().path("confirm").asText())
                                .toTree()), feed, start), decision);
            } catch (CliException again) {
                return new Asked(failure(call, again), decision);
            }
        }
    }

    private Result executed(Call call, JsonNode result, Feed feed, long start) {
        log.step(call.id(), call.action(), result.path("txid").asText(null),
                result.path("undo").path("available").asBoolean(false), (System.nanoTime() - start) / 1e6);
        if (interrupts.fired()) {
            return Result.of(call.id(), Result.Status.CANCELLED, stopped());
        }
        return feed.ok(call.id(), result.path("output"));
    }

    private Outcome batch(String request, String model, List<Call> calls, Feed feed, Decider decider) throws CliException {
        JsonNode dry;
        try {
            dry = context.call(Methods.PLAN_EXECUTE, new MethodParams.PlanExecute(plan(request, model, calls), true, null)
                    .toTree());
        } catch (CliException e) {
            return refused(calls, e);
        }
        List<Call> changes = new ArrayList<>();
        List<JsonNode> previews = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            if (!calls.get(i).isRead()) {
                changes.add(calls.get(i));
                previews.add(dry.path("results").path(i).path("output"));
            }
        }
        Turn.Decision decision = decider.decide(changes, previews);
        List<Result> results = new ArrayList<>();
        if (decision != Turn.Decision.CONFIRMED) {
            for (Call call : calls) {
                results.add(Result.of(call.id(), decision == Turn.Decision.DECLINED && !call.isRead()
                        ? Result.Status.DECLINED : Result.Status.NOT_RUN, notConfirmed(decision)));
            }
            return new Outcome(results, decision);
        }
        // step by step, so that ctrl-c stops between steps; the person confirmed each as previewed, so
        // a step policy asks about runs with the token issued for exactly that step
        boolean failed = false;
        for (Call call : calls) {
            Result result = failed ? Result.of(call.id(), Result.Status.SKIPPED, "an earlier step of the batch "
                    + "did not succeed") : one(call, feed, error -> Turn.Decision.CONFIRMED).result();
            failed |= result.status() != Result.Status.OK;
            results.add(result);
        }
        return new Outcome(results, decision);
    }

    /** the calls as a plan, for the daemon's plan entry points. */
    private static ObjectNode plan(String request, String model, List<Call> calls) {
        ObjectNode plan = Json.MAPPER.createObjectNode().put("version", Plan.VERSION).put("request", request)
                .put("planner", model.length() <= 128 ? model : model.substring(0, 128));
        ArrayNode steps = plan.putArray("steps");
        for (Call call : calls) {
            ObjectNode step = steps.addObject().put("action", call.action());
            step.set("params", call.params());
            step.put("why", "loop step " + call.id());
        }
        return plan;
    }

    /** a batch the daemon refused as a whole: the step policy denied, the rest not run. */
    private Outcome refused(List<Call> calls, CliException e) throws CliException {
        RpcError error = e.error();
        if (error == null) {
            throw e;
        }
        int step = error.data() == null ? -1 : error.data().path("step").asInt(-1);
        List<Result> results = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            String id = calls.get(i).id();
            if (step < 0) {
                results.add(failure(calls.get(i), e));
            } else if (i == step) {
                results.add(Result.of(id, error.code() == ErrorCodes.DENIED ? Result.Status.DENIED : Result.Status.FAILED,
                        reason(error)));
            } else {
                results.add(Result.of(id, Result.Status.NOT_RUN, calls.get(step).id()
                        + " of the same batch was refused, so none of it ran"));
            }
        }
        return new Outcome(results, Turn.Decision.NONE);
    }

    private Result failure(Call call, CliException e) throws CliException {
        RpcError error = e.error();
        if (error == null) {
            // llmsh itself failed (the daemon went away): the loop cannot go on
            throw e;
        }
        if (error.data() != null && error.data().hasNonNull("txid")) {
            log.step(call.id(), call.action(), error.data().get("txid").asText(), false, 0);
        }
        if (interrupts.fired()) {
            return Result.of(call.id(), Result.Status.CANCELLED, stopped());
        }
        return Result.of(call.id(), error.code() == ErrorCodes.DENIED ? Result.Status.DENIED : Result.Status.FAILED,
                error.code() == ErrorCodes.DENIED ? reason(error) : message(Json.toTree(error)));
    }

    private static String reason(RpcError error) {
        return error.data() != null && error.data().hasNonNull("reason") ? error.data().get("reason").asText()
                : error.message();
    }

    /** an error's message with the program's exit code and stderr tail, when it has them. */
    private static String message(JsonNode error) {
        StringBuilder text = new StringBuilder(error.path("message").asText("failed"));
        JsonNode data = error.path("data");
        if (data.hasNonNull("exit_code")) {
            text.append(" (exit ").append(data.get("exit_code").asInt()).append(')');
        }
        if (data.hasNonNull("stderr") && !data.get("stderr").asText().isBlank()) {
            text.append("\nstderr:\n").append(data.get("stderr").asText().strip());
        }
        return text.toString();
    }

    private static String notConfirmed(Turn.Decision decision) {
        return switch (decision) {
            case DECLINED -> "the person declined";
            case UNCONFIRMED -> "it needs the person's confirmation and nobody could be asked";
            default -> "not decided";
        };
    }

    private String stopped() {
        return interrupts.cause() == Interrupts.Cause.WALL_TIME ? "the time budget ran out" : "the person pressed ctrl-c";
    }
}
