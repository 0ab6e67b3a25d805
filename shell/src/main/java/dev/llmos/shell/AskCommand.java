package dev.llmos.shell;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.loop.Budget;
import dev.llmos.loop.Transcript;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code llmsh ask TEXT...}: the observe, reason, act loop when a model is configured; without one,
 * what plain words do (the router plans one step), saying that analysis and several steps need a model.
 */
@Command(name = "ask", description = {"Let a model work on what you ask: it reads (runs read-only actions, within a budget),",
    "proposes changes (shown with previews; they run only if you agree) and answers, citing the steps it used.",
    "Without a model configured, the embedded router plans one step, as plain words do."})
final class AskCommand implements Callable<Integer> {
    @ParentCommand
    Llmsh root;

    @Parameters(paramLabel = "TEXT", arity = "1..*", description = "What you want, in plain words.")
    List<String> text;

    @Option(names = "--max-steps", paramLabel = "N", description = "The most actions the model may run (default: ${DEFAULT-VALUE}).")
    int maxSteps = Budget.DEFAULT.steps();

    @Option(names = "--max-tokens-in", paramLabel = "N", description = "The most prompt tokens in all (default: ${DEFAULT-VALUE}).")
    long maxTokensIn = Budget.DEFAULT.tokensIn();

    @Option(names = "--max-tokens-out", paramLabel = "N", description = "The most generated tokens in all (default: ${DEFAULT-VALUE}).")
    long maxTokensOut = Budget.DEFAULT.tokensOut();

    @Option(names = "--max-time", paramLabel = "SECONDS", description = "The most wall time (default: ${DEFAULT-VALUE}).")
    int maxTime = Budget.DEFAULT.wallSeconds();

    @Option(names = "--max-output-bytes", paramLabel = "N",
            description = "The most bytes of action output fed back to the model in all (default: ${DEFAULT-VALUE}).")
    long maxOutputBytes = Budget.DEFAULT.outputBytes();

    @Option(names = "--max-step-bytes", paramLabel = "N",
            description = "The most bytes of one action's output fed back; more is cut, saying so (default: ${DEFAULT-VALUE}).")
    int maxStepBytes = Budget.DEFAULT.stepBytes();

    @Option(names = "--transcript", paramLabel = "FILE",
            description = "Save the transcript here (default: a new file under your state directory).")
    Path transcript;

    @Override
    public Integer call() throws CliException {
        Budget budget;
        try {
            budget = new Budget(maxSteps, maxTokensIn, maxTokensOut, maxTime, maxOutputBytes, maxStepBytes);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage());
        }
        String request = String.join(" ", text);
        Path file;
        try {
            file = transcript != null ? transcript.toAbsolutePath() : Transcripts.newFile(root.env(), Instant.now());
        } catch (IOException e) {
            throw new CliException(ExitCodes.USAGE, "cannot create the transcript directory: " + e.getMessage());
        }
        RunLog log = new RunLog(file.getFileName().toString(), "ask");
        LoopRunner runner = new LoopRunner(root, log);
        long start = System.nanoTime();
        try {
            LoopRunner.Outcome outcome = runner.run(Transcript.start(request, LiveTurns.cwd(), budget),
                    new LiveTurns(root, log), file);
            runner.report(outcome, Duration.ofNanos(System.nanoTime() - start));
            if (outcome.failure() != null) {
                throw outcome.failure();
            }
            return outcome.exitCode();
        } catch (LoopRunner.NoModel e) {
            return withoutModel(e.getMessage(), e.data(), request);
        }
    }

    /** no model may run a loop: say so and how to configure one, then plan with the router as plain words do. */
    private int withoutModel(String why, JsonNode data, String request) throws CliException {
        root.err().println("llmsh: analysis and tasks of several steps need a language model, and none may run here ("
                + why + ").");
        root.err().println("  to use one, " + data.path("configure").asText("configure a model in planner.toml; see the "
                + "README, 'Language models'") + ".");
        root.err().println("  meanwhile the embedded router plans this request as one step:");
        root.err().flush();
        return ask(root, request);
    }

    /** plain words: the router (or an llm) plans, llmsh shows the plan and runs it, confirming when asked. */
    static int ask(Llmsh root, String text) throws CliException {
        JsonNode plan = PlanCommand.create(root, text);
        if (!root.json) {
            PlanRunner.show(root.err(), plan);
            root.err().flush();
        }
        return PlanRunner.run(root, plan, false);
    }
}
