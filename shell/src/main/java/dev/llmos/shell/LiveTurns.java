package dev.llmos.shell;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.llmos.loop.Call;
import dev.llmos.loop.End;
import dev.llmos.loop.Transcript;
import dev.llmos.loop.Turn;
import dev.llmos.protocol.ErrorCodes;
import dev.llmos.protocol.Json;
import dev.llmos.protocol.Methods;
import dev.llmos.protocol.RpcError;

/**
 * turns from a model, through the daemon's {@code loop.turn}: the transcript so far goes out, the
 * model's next turn (calls validated against the catalog, or an answer) comes back. when privacy wants
 * the person's consent before the chat leaves the machine, the person sees what would be sent and
 * decides; the token goes back only then.
 */
final class LiveTurns implements LoopRunner.Source {
    /** the most tokens one turn may ask for. */
    private static final long MAX_TURN_TOKENS = 131_072;

    private final Context context;
    private final RunLog log;
    private final LoopConsent consent;
    /** the finished turns sent so far, as the json text of their array's elements: each serialized once. */
    private final StringBuilder sent = new StringBuilder();
    private int sentTurns;

    LiveTurns(Context context, RunLog log) {
        this.context = context;
        this.log = log;
        this.consent = new LoopConsent(context);
    }

    @Override
    public LoopRunner.Next next(Transcript transcript, boolean answerNow, Interrupts interrupts)
            throws CliException, LoopRunner.NoModel {
        ObjectNode params = Context.params().put("request", transcript.request());
        if (transcript.cwd() != null) {
            params.put("cwd", transcript.cwd());
        }
        for (; sentTurns < transcript.turns().size(); sentTurns++) {
            sent.append(sentTurns == 0 ? "" : ",").append(Json.toString(transcript.turns().get(sentTurns)));
        }
        params.putRawValue("turns", new RawValue("[" + sent + "]"));
        params.put("max_tokens", Math.max(1, Math.min(MAX_TURN_TOKENS, transcript.budget().tokensOutLeft(transcript.spend()))));
        if (answerNow) {
            params.put("answer_now", true);
        }
        boolean consented = false;
        while (true) {
            long start = System.nanoTime();
            try {
                JsonNode answer = context.call(Methods.LOOP_TURN, params);
                log.turn(answer, (System.nanoTime() - start) / 1e6, consented);
                return LoopRunner.Next.of(turn(answer.path("turn"), transcript));
            } catch (CliException e) {
                RpcError error = e.error();
                if (error == null) {
                    throw e;
                }
                if (interrupts.fired()) {
                    return LoopRunner.Next.ended(End.Reason.INTERRUPTED, "stopped while the model was working");
                }
                JsonNode data = error.data() == null ? Json.MAPPER.createObjectNode() : error.data();
                switch (error.code()) {
                    case ErrorCodes.CONFIRMATION_REQUIRED -> {
                        switch (consent.remote(error.message(), data.path("preview"))) {
                            case CONFIRMED -> {
                                params.put("confirm", data.path("confirm").asText());
                                consented = true;
                                continue;
                            }
                            case DECLINED -> {
                                return LoopRunner.Next.ended(End.Reason.REMOTE_DECLINED, "you did not let this turn go to "
                                        + "the remote model; nothing was sent");
                            }
                            default -> {
                                return LoopRunner.Next.ended(End.Reason.CONFIRMATION_NEEDED, "sending this turn to the "
                                        + "remote model needs your consent and llmsh cannot ask (no terminal); nothing was "
                                        + "sent: rerun it interactively, or with --yes");
                            }
                        }
                    }
                    case ErrorCodes.PLANNER_UNAVAILABLE -> {
                        if (data.path("reason").asText().equals("no_model") && transcript.turns().isEmpty()) {
                            throw new LoopRunner.NoModel(data.path("detail").asText(error.message()), data);
                        }
                        return LoopRunner.Next.ended(End.Reason.MODEL_UNAVAILABLE, error.message());
                    }
                    case ErrorCodes.METHOD_NOT_FOUND -> {
                        if (transcript.turns().isEmpty()) {
                            throw new LoopRunner.NoModel("this daemon has no loop (an older llm-osd)", data);
                        }
                        return LoopRunner.Next.ended(End.Reason.ERROR, error.message());
                    }
                    case ErrorCodes.PLAN_INVALID -> {
                        return LoopRunner.Next.ended(End.Reason.INVALID_TURN, error.message());
                    }
                    default -> {
                        return LoopRunner.Next.ended(End.Reason.ERROR, error.message());
                    }
                }
            }
        }
    }

    /** the daemon's turn, read strictly, its step ids checked to continue the transcript's. */
    private static Turn turn(JsonNode json, Transcript transcript) throws CliException {
        Turn turn;
        try {
            turn = Json.MAPPER.treeToValue(json, Turn.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new CliException(ExitCodes.DAEMON_UNAVAILABLE, "the daemon's loop.turn answer is malformed: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
        for (int i = 0; i < turn.calls().size(); i++) {
            Call call = turn.calls().get(i);
            if (!call.id().equals(transcript.nextStepId(i))) {
                throw new CliException(ExitCodes.DAEMON_UNAVAILABLE, "the daemon numbered a step " + call.id()
                        + " where " + transcript.nextStepId(i) + " comes next");
            }
        }
        return turn;
    }

    @Override
    public LoopSteps.Decider decider(int index, Turn turn) {
        return consent::changes;
    }

    @Override
    public boolean budgeted() {
        return true;
    }
}
