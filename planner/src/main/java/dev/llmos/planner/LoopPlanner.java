package dev.llmos.planner;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.catalog.CatalogEntry;
import dev.llmos.loop.Call;
import dev.llmos.loop.Digest;
import dev.llmos.loop.Result;
import dev.llmos.loop.Turn;
import dev.llmos.loop.Usage;
import dev.llmos.openai.ChatMessage;
import dev.llmos.openai.ChatRequest;
import dev.llmos.openai.ChatResult;
import dev.llmos.openai.OpenAiException;
import dev.llmos.openai.ToolCall;
import dev.llmos.openai.ToolChoice;
import dev.llmos.openai.ToolSpec;
import dev.llmos.protocol.Json;
import dev.llmos.protocol.RpcException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * the model side of the observe, reason, act loop: given the request and the turns so far, asks a
 * model for the next turn, with the catalog as tools (temperature 0, fixed seed), and returns either
 * calls validated against the catalog exactly as {@code action.execute} would, or a final answer. an
 * invalid answer (an unknown tool, a hallucinated or mistyped param, unparsable arguments, too many
 * calls) gets one repair round carrying the precise error; after that the turn is refused with
 * -32005. the models are the planner's ({@link HybridPlanner#order}): the local model runs the loop,
 * a remote one only as privacy allows, and privacy covers action outputs too, since they are part of
 * the chat: under {@code local-only} nothing an action returned goes to a remote model, under
 * {@code ask-before-remote} only with the person's consent to this exact chat. thread-safe.
 */
final class LoopPlanner {
    /** the most bytes of one result the daemon feeds a model, whatever the client sent. */
    static final int MAX_RESULT_BYTES = 64 * 1024;
    /** the most bytes of all results of one chat. */
    static final int MAX_RESULTS_BYTES = 512 * 1024;
    private static final long POLL_MS = 20;

    private final HybridPlanner planner;
    /** the tools of a catalog, by its version and the decoding bounds: the same for every turn of every loop. */
    private final java.util.Map<String, List<ToolSpec>> tools = new java.util.concurrent.ConcurrentHashMap<>();

    LoopPlanner(HybridPlanner planner) {
        this.planner = planner;
    }

    /** null when some model may run a loop; else why none may. */
    String unavailable() {
        if (!planner.order(true).isEmpty() || !planner.order(false).isEmpty()) {
            return null;
        }
        return planner.backends().isEmpty() ? "no language model is configured"
                : "privacy is " + planner.privacy().wireName() + (planner.backends().size() == 1
                        ? " and the only model configured is remote" : " and every model configured is remote");
    }

    /** the remote models this turn may reach, in the order it tries them: what a consent covers. */
    List<ChatBackend> remotes(Outbound outbound) {
        return planner.remotes(Complexity.isComplex(outbound.request()));
    }

    /**
     * the chat of the next turn. the turns must be a well-formed loop so far: each a turn of calls
     * with one result per call, step ids s1, s2, ... in order, known actions; else -32602 naming the
     * json pointer under {@code base}. outputs larger than the daemon feeds are cut again (see
     * {@link Digest}).
     */
    Outbound prepare(LoopInput input, PlanContext context, String base) throws RpcException {
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(ChatMessage.system(LoopPrompts.system(context)));
        messages.add(LoopPrompts.request(input.request()));
        List<Outbound.Sent> outputs = new ArrayList<>();
        int step = 0;
        long fed = 0;
        for (int t = 0; t < input.turns().size(); t++) {
            Turn turn = input.turns().get(t);
            String at = base + "/" + t;
            if (turn.calls().isEmpty()) {
                throw RpcException.invalidParams(at + "/calls", "only turns of calls come before the next turn; "
                        + "an answer ends a loop");
            }
            if (turn.results().size() != turn.calls().size()) {
                throw RpcException.invalidParams(at + "/results", "each call needs exactly one result ("
                        + turn.calls().size() + " calls, " + turn.results().size() + " results)");
            }
            List<ToolCall> calls = new ArrayList<>();
            for (int c = 0; c < turn.calls().size(); c++) {
                Call call = turn.calls().get(c);
                step++;
                if (!call.id().equals("s" + step)) {
                    throw RpcException.invalidParams(at + "/calls/" + c + "/id", "expected step id s" + step
                            + ", not " + call.id());
                }
                if (context.catalog().find(call.action()) == null) {
                    throw RpcException.invalidParams(at + "/calls/" + c + "/action", "unknown action: " + call.action());
                }
                if (!turn.results().get(c).id().equals(call.id())) {
                    throw RpcException.invalidParams(at + "/results/" + c + "/id", "the result of " + call.id()
                            + " must follow in the same place");
                }
                calls.add(new ToolCall(call.id(), ToolNames.tool(call.action()), LoopPrompts.arguments(call)));
            }
            messages.add(ChatMessage.assistant(turn.text().isEmpty() ? null : turn.text(), calls));
            for (int c = 0; c < turn.calls().size(); c++) {
                Call call = turn.calls().get(c);
                Fed result = capped(turn.results().get(c), MAX_RESULTS_BYTES - fed);
                fed += result.result().shown();
                String text = LoopPrompts.result(call, result.result(), result.output());
                messages.add(ChatMessage.tool(call.id(), text));
                outputs.add(new Outbound.Sent(call.id(), call.action(), text));
            }
        }
        if (input.answerNow()) {
            messages.add(ChatMessage.user(LoopPrompts.answerNow()));
        }
        List<ToolSpec> offered = tools(context, Decoding.DEFAULT);
        return Outbound.of(input.request(), messages, offered, outputs, step + 1,
                input.maxTokens().isPresent() ? input.maxTokens().getAsInt() : null, input.answerNow());
    }

    /** the catalog as tools whose schemas a backend's decoding bounds cap, made once per catalog and bounds. */
    private List<ToolSpec> tools(PlanContext context, Decoding bounds) {
        return tools.computeIfAbsent(context.catalog().version() + "/" + bounds,
                key -> LoopTools.of(context.catalog(), bounds));
    }

    /**
     * a result as the daemon feeds it, with its output's json text (null without output), serialized once.
     *
     * @param result the result, its output cut to what the daemon feeds
     * @param output the json text of that output, or null
     */
    private record Fed(Result result, String output) {
    }

    /** {@code result} with its output cut to what the daemon feeds (a well-behaved client already did). */
    private static Fed capped(Result result, long left) {
        if (result.output() == null) {
            return new Fed(result, null);
        }
        long limit = Math.max(dev.llmos.loop.Budget.MIN_STEP_BYTES, Math.min(MAX_RESULT_BYTES, left));
        // the output's size as compact json, as `Digest` measures it, and its text from the same bytes
        byte[] json = Json.toBytes(result.output());
        if (result.shown() <= limit && json.length <= limit) {
            return new Fed(result, new String(json, StandardCharsets.UTF_8));
        }
        Digest.Fed fed = Digest.feed(result.output(), limit);
        return new Fed(new Result(result.id(), result.status(), fed.shown(), result.message(), result.bytes(),
                fed.shownBytes()), Json.toString(fed.shown()));
    }

    /**
     * the next turn. {@code cancelled} is polled while a model works: when it turns true, the call is
     * abandoned and a {@link CancellationException} thrown.
     */
    ModelTurn next(Outbound outbound, PlanContext context, BooleanSupplier cancelled) throws PlanningException {
        boolean complex = Complexity.isComplex(outbound.request());
        List<String> failures = new ArrayList<>();
        for (LlmPlanner llm : planner.order(complex)) {
            ChatBackend backend = llm.backend();
            if (backend.remote() && planner.privacy() == Privacy.ASK_BEFORE_REMOTE && !context.remoteConsent()) {
                throw new PlanningException(PlanningException.Reason.REMOTE_CONSENT, "this turn needs "
                        + HybridPlanner.remoteModels(remotes(outbound)) + ": your request and the "
                        + outbound.outputs().size() + " action output(s) so far would leave this machine"
                        + (failures.isEmpty() ? "" : " (" + String.join("; ", failures) + ")"), List.of(), null);
            }
            try {
                return ask(backend, outbound, context, cancelled);
            } catch (PlanningException e) {
                if (e.reason() != PlanningException.Reason.BACKEND_UNAVAILABLE) {
                    throw e;
                }
                failures.add(e.getMessage());
            }
        }
        String why = unavailable();
        throw new PlanningException(PlanningException.Reason.BACKEND_UNAVAILABLE,
                why != null ? why : String.join("; ", failures), List.of(), null);
    }

    private ModelTurn ask(ChatBackend backend, Outbound outbound, PlanContext context, BooleanSupplier cancelled)
            throws PlanningException {
        int maxTokens = outbound.maxTokens() == null ? backend.decoding().maxTokens()
                : Math.min(outbound.maxTokens(), backend.decoding().maxTokens());
        List<ToolSpec> tools = tools(context, backend.decoding());
        List<ChatMessage> messages = new ArrayList<>(outbound.messages());
        ToolChoice choice = outbound.answerNow() ? ToolChoice.NONE : ToolChoice.AUTO;
        long start = System.nanoTime();
        ChatResult first = chat(backend, ChatRequest.withTools(backend.model(), messages, maxTokens, tools, choice,
                LlmPlanner.SEED), cancelled);
        Usage usage = usage(first);
        try {
            return new ModelTurn(turn(backend, first, usage, 0, outbound, context), backend.describe(), System.nanoTime() - start,
                    outbound.bytes());
        } catch (Invalid invalid) {
            messages.addAll(repair(first, invalid));
            ChatResult second = chat(backend, ChatRequest.withTools(backend.model(), messages, maxTokens, tools,
                    choice, LlmPlanner.SEED), cancelled);
            try {
                return new ModelTurn(turn(backend, second, usage.plus(usage(second)), 1, outbound, context), backend.describe(),
                        System.nanoTime() - start, outbound.bytes());
            } catch (Invalid again) {
                throw new PlanningException(PlanningException.Reason.INVALID_PLAN, backend.plannerId()
                        + " proposed an invalid turn, also after one repair: " + again.pointer + ": " + again.getMessage(),
                        List.of(), again.pointer);
            }
        }
    }

    /** the model's own answer back, then why it is invalid: a tool message per call, or a user message. */
    private static List<ChatMessage> repair(ChatResult answer, Invalid invalid) {
        List<ChatMessage> messages = new ArrayList<>();
        String note = LoopPrompts.repairCalls(invalid.pointer, invalid.getMessage());
        if (answer.toolCalls().isEmpty()) {
            messages.add(ChatMessage.assistant(answer.content()));
            messages.add(ChatMessage.user(note));
            return messages;
        }
        // the model's ids may be missing or repeated: the repair exchange numbers the calls itself
        List<ToolCall> calls = new ArrayList<>();
        for (int i = 0; i < answer.toolCalls().size(); i++) {
            ToolCall call = answer.toolCalls().get(i);
            calls.add(new ToolCall("r" + (i + 1), call.name(), call.arguments()));
        }
        messages.add(ChatMessage.assistant(answer.content().isEmpty() ? null : answer.content(), calls));
        for (int i = 0; i < calls.size(); i++) {
            messages.add(ChatMessage.tool(calls.get(i).id(), i == invalid.call ? note : LoopPrompts.notRun()));
        }
        return messages;
    }

    /** the turn in {@code answer}, every call checked against the catalog, or why it is invalid. */
    private static Turn turn(ChatBackend backend, ChatResult answer, Usage usage, int repairs, Outbound outbound,
            PlanContext context) throws Invalid {
        if (answer.toolCalls().isEmpty()) {
            String text = answer.content().strip();
            if (text.isEmpty()) {
                throw new Invalid("/content", "the answer is empty: call a tool or answer in text", -1);
            }
            if (answer.truncated()) {
                text += "\n…[the answer was cut off at the token limit]";
            }
            if (text.length() > Turn.MAX_TEXT) {
                text = text.substring(0, Turn.MAX_TEXT - 40) + "\n…[the answer was cut: too long]";
            }
            return Turn.proposed(backend.plannerId(), usage, repairs, text, List.of());
        }
        if (outbound.answerNow()) {
            throw new Invalid("/tool_calls", "no more calls: the budget is used up; answer in text with what you have", 0);
        }
        if (answer.toolCalls().size() > Turn.MAX_CALLS) {
            throw new Invalid("/tool_calls", "at most " + Turn.MAX_CALLS + " calls per answer, not "
                    + answer.toolCalls().size(), 0);
        }
        List<Call> calls = new ArrayList<>();
        for (int i = 0; i < answer.toolCalls().size(); i++) {
            ToolCall call = answer.toolCalls().get(i);
            String at = "/tool_calls/" + i;
            CatalogEntry entry = context.catalog().find(ToolNames.action(call.name()));
            if (entry == null) {
                throw new Invalid(at + "/name", "unknown tool: " + clip(call.name()), i);
            }
            JsonNode arguments;
            try {
                arguments = Json.parse(call.arguments().getBytes(StandardCharsets.UTF_8));
            } catch (RpcException e) {
                throw new Invalid(at + "/arguments", "the arguments are not json: " + e.getMessage(), i);
            }
            try {
                CatalogEntry.Bound bound = entry.bind(arguments, at + "/arguments");
                calls.add(new Call("s" + (outbound.firstStep() + i), entry.name(), bound.normalized(),
                        entry.action().risk().wireName()));
            } catch (RpcException e) {
                JsonNode data = e.error().data();
                throw new Invalid(data == null ? at + "/arguments" : data.path("pointer").asText(at + "/arguments"),
                        e.getMessage(), i);
            }
        }
        String text = answer.content().strip();
        return Turn.proposed(backend.plannerId(), usage, repairs, text.length() > Turn.MAX_TEXT ? "" : text, calls);
    }

    private static Usage usage(ChatResult result) {
        return new Usage((long) result.promptTokens(), (long) result.completionTokens());
    }

    private static String clip(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "…";
    }

    /** one chat call that gives up as soon as {@code cancelled} says so. */
    private static ChatResult chat(ChatBackend backend, ChatRequest request, BooleanSupplier cancelled)
            throws PlanningException {
        FutureTask<ChatResult> task = new FutureTask<>(() -> backend.chat(request));
        Thread.ofVirtual().name("llm-" + backend.name()).start(task);
        try {
            while (true) {
                try {
                    return task.get(POLL_MS, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    if (cancelled.getAsBoolean()) {
                        task.cancel(true);
                        throw new CancellationException("cancelled while the " + backend.name() + " model was working");
                    }
                }
            }
        } catch (ExecutionException e) {
            String why = e.getCause() instanceof OpenAiException failure ? failure.getMessage() : String.valueOf(e.getCause());
            throw new PlanningException(PlanningException.Reason.BACKEND_UNAVAILABLE, "the " + backend.name() + " llm ("
                    + backend.endpoint() + ") did not answer: " + why, List.of(), null);
        } catch (InterruptedException e) {
            task.cancel(true);
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while the " + backend.name() + " model was working");
        }
    }

    /** why an answer cannot be a turn: the json pointer into the answer, and which call (or -1). */
    private static final class Invalid extends Exception {
        private final String pointer;
        private final int call;

        Invalid(String pointer, String message, int call) {
            super(message, null, false, false);
            this.pointer = pointer;
            this.call = call;
        }
    }
}
