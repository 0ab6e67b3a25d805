package dev.llmos.shell;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.loop.Budget;
import dev.llmos.loop.Transcript;
import dev.llmos.shell.cli.Parsed;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * {@code llmsh ask TEXT...}: the observe, reason, act loop when a model is configured; without one,
 * what plain words do (the router plans one step), saying that analysis and several steps need a
 * model. plain words themselves plan, show and run as before.
 */
final class AskCommand {
    static final String MAX_STEPS = "--max-steps";
    static final String MAX_TOKENS_IN = "--max-tokens-in";
    static final String MAX_TOKENS_OUT = "--max-tokens-out";
    static final String MAX_TIME = "--max-time";
    static final String MAX_OUTPUT_BYTES = "--max-output-bytes";
    static final String MAX_STEP_BYTES = "--max-step-bytes";
    static final String TRANSCRIPT = "--transcript";

    private AskCommand() {
    }

    /** {@code llmsh ask}: the loop. */
    static int run(Context context, Parsed<Handler> line) throws CliException {
        if (context.confirm != null) {
            throw new CliException(ExitCodes.USAGE, "ask takes no --confirm: a loop asks about each change as it comes "
                    + "(--yes answers yes to all of them)");
        }
        Budget budget;
        try {
            Budget defaults = Budget.DEFAULT;
            budget = new Budget((int) number(line, MAX_STEPS, defaults.steps()), number(line, MAX_TOKENS_IN,
                    defaults.tokensIn()), number(line, MAX_TOKENS_OUT, defaults.tokensOut()),
                    (int) number(line, MAX_TIME, defaults.wallSeconds()), number(line, MAX_OUTPUT_BYTES,
                    defaults.outputBytes()), (int) number(line, MAX_STEP_BYTES, defaults.stepBytes()));
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage());
        }
        String request = String.join(" ", line.argList("TEXT"));
        Path file;
        try {
            String chosen = line.value(TRANSCRIPT);
            file = chosen != null ? Path.of(chosen).toAbsolutePath() : Transcripts.newFile(context.env(), Instant.now());
        } catch (IOException e) {
            throw new CliException(ExitCodes.USAGE, "cannot create the transcript directory: " + e.getMessage());
        }
        RunLog log = new RunLog(file.getFileName().toString(), "ask");
        LoopRunner runner = new LoopRunner(context, log);
        long start = System.nanoTime();
        try {
            LoopRunner.Outcome outcome = runner.run(Transcript.start(request, context.places().cwd().toString(), budget),
                    new LiveTurns(context, log), file);
            runner.report(outcome, Duration.ofNanos(System.nanoTime() - start));
            if (outcome.failure() != null) {
                throw outcome.failure();
            }
            return outcome.exitCode();
        } catch (LoopRunner.NoModel e) {
            return withoutModel(context, e.getMessage(), e.data(), request);
        }
    }

    /** a whole number option, or {@code fallback} when absent; not a number is a usage error. */
    private static long number(Parsed<Handler> line, String option, long fallback) throws CliException {
        String value = line.value(option);
        if (value == null) {
            return fallback;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new CliException(ExitCodes.USAGE, option + " takes a whole number, not '" + value + "'");
        }
    }

    /** no model may run a loop: say so and how to configure one, then plan with the router as plain words do. */
    private static int withoutModel(Context context, String why, JsonNode data, String request) throws CliException {
        context.err().println("llmsh: analysis and tasks of several steps need a language model, and none may run here ("
                + why + ").");
        context.err().println("  to use one, " + data.path("configure").asText("configure a model in planner.toml; see "
                + "the README, 'Language models'") + ".");
        context.err().println("  meanwhile the embedded router plans this request as one step:");
        context.err().flush();
        return ask(context, request);
    }

    /** the root command: plain words, the repl when there are none on a terminal, else usage. */
    static int plainWords(Context context, Parsed<Handler> line) throws CliException {
        List<String> words = line.argList("TEXT");
        if (words.isEmpty()) {
            if (context.interactive() && !context.inRepl()) {
                return new Repl(context).run();
            }
            throw new CliException(ExitCodes.USAGE, "say what you want in plain words, or give a command",
                    null, List.of("(see 'llmsh --help')"));
        }
        PlainWords.check(words, line.path().getFirst());
        return ask(context, String.join(" ", words));
    }

    /** plain words: the router (or an llm) plans, llmsh shows the plan and runs it, confirming when asked. */
    static int ask(Context context, String text) throws CliException {
        JsonNode plan = PlanCommand.create(context, text);
        if (!context.json) {
            PlanRunner.show(context.err(), plan);
            context.err().flush();
        }
        return PlanRunner.run(context, plan, false);
    }
}
