package dev.llmos.shell;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.loop.Budget;
import dev.llmos.loop.Call;
import dev.llmos.loop.End;
import dev.llmos.loop.Result;
import dev.llmos.loop.Spend;
import dev.llmos.loop.Transcript;
import dev.llmos.loop.TranscriptFile;
import dev.llmos.loop.Turn;
import dev.llmos.protocol.Json;
import java.io.IOException;
import dev.llmos.shell.render.Screen;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * the observe, reason, act loop as llmsh runs it: ask for a turn, run its calls (reads at once,
 * changes once the person agrees), feed the results back, until the model answers, a budget is used
 * up, the person stops it or something fails. llmsh holds the transcript, the budgets and the
 * person's decisions; where the turns come from (a model through the daemon, or a recording) is a
 * {@link Source}. the transcript and its run record are saved whatever the ending.
 */
final class LoopRunner {
    /** where turns come from, and how the person decides a turn's changes. */
    interface Source {
        /** the next turn after {@code transcript} (no results yet), or why the loop ends. */
        Next next(Transcript transcript, boolean answerNow, Interrupts interrupts) throws CliException, NoModel;

        /** how the changes of {@code turn} (the {@code index}th) are decided. */
        LoopSteps.Decider decider(int index, Turn turn);

        /** whether the budgets are checked (a replay follows its recording instead). */
        boolean budgeted();

        /** after a turn's calls ran: a replay compares them with the recording. */
        default void ran(int index, Turn turn) {
        }

        /** how the loop ends when the {@code index}th turn answers; {@code computed} is the live loop's view. */
        default End answered(int index, End computed) {
            return computed;
        }
    }

    /** a turn, or an ending. */
    record Next(Turn turn, End end) {
        static Next of(Turn turn) {
            return new Next(turn, null);
        }

        static Next ended(End.Reason reason, String detail) {
            return new Next(null, new End(reason, detail));
        }
    }

    /**
     * how a loop went.
     *
     * @param transcript what happened
     * @param file where it is saved
     * @param failure the error that ended it, when llmsh itself failed (exit code from it)
     */
    record Outcome(Transcript transcript, Path file, CliException failure) {
        String answer() {
            return transcript.turns().isEmpty() || !transcript.turns().getLast().isAnswer() ? null
                    : transcript.turns().getLast().text();
        }

        int exitCode() {
            if (failure != null) {
                return failure.exitCode();
            }
            return switch (transcript.end().reason()) {
                case ANSWER -> ExitCodes.OK;
                case BUDGET, ERROR -> ExitCodes.ACTION_FAILED;
                case INTERRUPTED -> Interrupts.EXIT;
                case CONFIRMATION_NEEDED, REMOTE_DECLINED -> ExitCodes.CONFIRMATION_NEEDED;
                case MODEL_UNAVAILABLE, INVALID_TURN -> ExitCodes.PLANNER_UNAVAILABLE;
            };
        }
    }

    private final Context context;
    private final RunLog log;

    LoopRunner(Context context, RunLog log) {
        this.context = context;
        this.log = log;
    }

    Outcome run(Transcript start, Source source, Path file) throws CliException, NoModel {
        Budget budget = start.budget();
        Transcript transcript = start;
        long begun = System.nanoTime();
        CliException failure = null;
        Optional<Budget.Exceeded> wrapUp = Optional.empty();
        Screen err = context.err();
        try (Interrupts interrupts = Interrupts.install(context.session(), Duration.ofSeconds(budget.wallSeconds()))) {
            LoopSteps steps = new LoopSteps(context, interrupts, log);
            while (transcript.end() == null) {
                if (interrupts.fired()) {
                    transcript = transcript.ended(stopped(interrupts, budget, transcript, begun));
                    break;
                }
                if (source.budgeted()) {
                    Optional<Budget.Exceeded> exceeded = budget.check(transcript.spend(), elapsed(begun));
                    if (exceeded.isPresent()) {
                        boolean answerable = exceeded.get().limit() == Budget.Limit.STEPS
                                || exceeded.get().limit() == Budget.Limit.OUTPUT_BYTES;
                        if (!answerable || wrapUp.isPresent()) {
                            transcript = transcript.ended(new End(End.Reason.BUDGET, exceeded.get().message()));
                            break;
                        }
                        wrapUp = exceeded;
                        err.println("llmsh: " + exceeded.get().message() + "; asking the model to answer with what it has");
                    }
                }
                long iteration = System.nanoTime();
                Next next;
                try {
                    next = source.next(transcript, wrapUp.isPresent(), interrupts);
                } catch (CliException e) {
                    failure = e;
                    transcript = transcript.ended(new End(End.Reason.ERROR, e.getMessage()));
                    break;
                }
                if (next.end() != null) {
                    transcript = transcript.ended(interrupts.fired() ? stopped(interrupts, budget, transcript, begun)
                            : next.end());
                    break;
                }
                Turn turn = next.turn();
                Spend spentBefore = transcript.spend();
                transcript = transcript.with(turn);
                if (turn.isAnswer()) {
                    transcript = transcript.ended(source.answered(transcript.turns().size() - 1, wrapUp.isPresent()
                            ? new End(End.Reason.BUDGET, wrapUp.get().message() + "; the model answered with what it had")
                            : new End(End.Reason.ANSWER, "answered")));
                    break;
                }
                LoopSteps.Outcome ran;
                try {
                    ran = steps.run(start.request(), turn, budget, spentBefore, source.decider(
                            transcript.turns().size() - 1, turn));
                } catch (CliException e) {
                    failure = e;
                    transcript = transcript.ended(new End(End.Reason.ERROR, e.getMessage()));
                    break;
                }
                Turn done = turn.withResults(ran.results(), ran.decision());
                transcript = transcript.withLast(done);
                for (int i = 0; i < done.calls().size(); i++) {
                    err.println(LoopView.step(done.calls().get(i), done.results().get(i), log.txid(done.calls().get(i).id())));
                }
                err.flush();
                log.iteration((System.nanoTime() - iteration) / 1e6);
                source.ran(transcript.turns().size() - 1, done);
                if (ran.decision() == Turn.Decision.UNCONFIRMED) {
                    transcript = transcript.ended(new End(End.Reason.CONFIRMATION_NEEDED, "a change needs your "
                            + "confirmation and llmsh cannot ask (no terminal): nothing was changed; rerun it "
                            + "interactively, or with --yes"));
                }
            }
        }
        log.end(transcript.end(), transcript.spend(), elapsed(begun).toNanos() / 1e6);
        save(file, transcript);
        return new Outcome(transcript, file, failure);
    }

    private static End stopped(Interrupts interrupts, Budget budget, Transcript transcript, long begun) {
        if (interrupts.cause() == Interrupts.Cause.WALL_TIME) {
            return new End(End.Reason.BUDGET, new Budget.Exceeded(Budget.Limit.WALL_TIME, elapsed(begun).toSeconds(),
                    budget.wallSeconds()).message());
        }
        return new End(End.Reason.INTERRUPTED, "you pressed ctrl-c; what was running was cancelled");
    }

    private static Duration elapsed(long begun) {
        return Duration.ofNanos(System.nanoTime() - begun);
    }

    private void save(Path file, Transcript transcript) throws CliException {
        try {
            TranscriptFile.write(file, transcript);
            TranscriptFile.write(Transcripts.runFile(file), log.json());
        } catch (IOException e) {
            throw new CliException(ExitCodes.ACTION_FAILED, "cannot save the transcript to " + file + ": " + e.getMessage());
        }
    }

    /** the answer (or why there is none), its sources, what was spent and where the transcript is. */
    void report(Outcome outcome, Duration elapsed) {
        Transcript transcript = outcome.transcript();
        Map<String, Call> calls = new LinkedHashMap<>();
        transcript.turns().forEach(turn -> turn.calls().forEach(call -> calls.put(call.id(), call)));
        String answer = outcome.answer();
        if (context.json) {
            context.printJson(json(outcome, calls));
            context.finish();
            return;
        }
        Screen err = context.err();
        if (transcript.end().reason() != End.Reason.ANSWER) {
            err.println("llmsh: the loop stopped: " + transcript.end().detail());
        }
        err.flush();
        if (answer != null) {
            LoopView.answer(context.out(), answer, calls, log);
            context.out().flush();
        }
        err.println(LoopView.spent(transcript.spend(), transcript.budget(), elapsed));
        err.println("transcript: " + outcome.file() + " (llmsh replay " + outcome.file() + ")");
        err.flush();
    }

    private ObjectNode json(Outcome outcome, Map<String, Call> calls) {
        Transcript transcript = outcome.transcript();
        ObjectNode json = Json.MAPPER.createObjectNode().put("answer", outcome.answer());
        json.set("end", Json.toTree(transcript.end()));
        ArrayNode steps = json.putArray("steps");
        for (Turn turn : transcript.turns()) {
            for (int i = 0; i < turn.calls().size(); i++) {
                Call call = turn.calls().get(i);
                ObjectNode step = steps.addObject().put("id", call.id()).put("action", call.action());
                step.set("params", call.params());
                Result result = i < turn.results().size() ? turn.results().get(i) : null;
                step.put("status", result == null ? null : result.status().name().toLowerCase(java.util.Locale.ROOT));
                step.put("txid", log.txid(call.id()));
            }
        }
        ArrayNode cited = json.putArray("citations");
        if (outcome.answer() != null) {
            for (String id : dev.llmos.loop.Citations.of(outcome.answer())) {
                cited.addObject().put("step", id).put("action", calls.containsKey(id) ? calls.get(id).action() : null)
                        .put("txid", log.txid(id));
            }
        }
        json.set("spend", Json.toTree(transcript.spend()));
        json.put("transcript", outcome.file().toString());
        return json;
    }

    /** no model may run a loop here: {@code ask} falls back to planning with the router. */
    static final class NoModel extends Exception {
        private final transient JsonNode data;

        NoModel(String message, JsonNode data) {
            super(message, null, false, false);
            this.data = data;
        }

        JsonNode data() {
            return data;
        }
    }
}
