package dev.llmos.shell;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.loop.End;
import dev.llmos.loop.JsonDiff;
import dev.llmos.loop.Result;
import dev.llmos.loop.Transcript;
import dev.llmos.loop.TranscriptFile;
import dev.llmos.loop.Turn;
import dev.llmos.protocol.Json;
import dev.llmos.shell.cli.Parsed;
import dev.llmos.shell.render.Screen;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code llmsh replay FILE}: runs a saved loop again with its recorded model turns and no model: each
 * turn's calls go through the daemon exactly as the first time (reads at once, changes only with the
 * person's consent; what the person declined then is declined again), and every result is compared
 * with the recording. prints where the machine now answers differently; writes the new transcript,
 * which on an unchanged machine equals the old one byte for byte. exit 0 when it does, 1 when not.
 */
final class ReplayCommand {
    private ReplayCommand() {
    }

    static int run(Context context, Parsed<Handler> line) throws CliException {
        Path file = Path.of(line.arg("FILE"));
        Transcript recorded;
        byte[] original;
        try {
            original = Files.readAllBytes(file);
            recorded = TranscriptFile.read(file);
        } catch (IOException e) {
            throw new CliException(ExitCodes.USAGE, "cannot replay " + file + ": " + e.getMessage());
        }
        Path out;
        try {
            out = Transcripts.newFile(context.env(), Instant.now());
        } catch (IOException e) {
            throw new CliException(ExitCodes.USAGE, "cannot create the transcript directory: " + e.getMessage());
        }
        RunLog log = new RunLog(out.getFileName().toString(), "replay of " + file.toAbsolutePath());
        LoopRunner runner = new LoopRunner(context, log);
        Recorded source = new Recorded(recorded, log, context.err(), new LoopConsent(context));
        long start = System.nanoTime();
        LoopRunner.Outcome outcome;
        try {
            outcome = runner.run(Transcript.start(recorded.request(), recorded.cwd(), recorded.budget()), source, out);
        } catch (LoopRunner.NoModel e) {
            throw new IllegalStateException("a replay never asks a model", e);
        }
        runner.report(outcome, Duration.ofNanos(System.nanoTime() - start));
        if (outcome.failure() != null) {
            throw outcome.failure();
        }
        boolean same = Arrays.equals(original, TranscriptFile.bytes(outcome.transcript()));
        Screen err = context.err();
        if (same) {
            err.println("replay: the machine answered exactly as recorded; " + out + " equals " + file + " byte for byte");
        } else {
            err.println("replay: the machine now answers differently at " + (source.differences.isEmpty()
                    ? "the ending (" + outcome.transcript().end().detail() + ")" : String.join(", ", source.differences)));
        }
        err.flush();
        return same ? ExitCodes.OK : ExitCodes.ACTION_FAILED;
    }

    /** the recording's turns, in order; its decisions stand for the person's where they were refusals. */
    private static final class Recorded implements LoopRunner.Source {
        private static final int MAX_POINTERS = 5;
        private final Transcript recorded;
        private final RunLog log;
        private final Screen err;
        private final LoopConsent consent;
        private final List<String> differences = new ArrayList<>();

        Recorded(Transcript recorded, RunLog log, Screen err, LoopConsent consent) {
            this.recorded = recorded;
            this.log = log;
            this.err = err;
            this.consent = consent;
        }

        @Override
        public LoopRunner.Next next(Transcript transcript, boolean answerNow, Interrupts interrupts) {
            int index = transcript.turns().size();
            if (index >= recorded.turns().size()) {
                End end = recorded.end() == null ? new End(End.Reason.ERROR, "the recording ends without an ending")
                        : recorded.end();
                return new LoopRunner.Next(null, end);
            }
            Turn turn = recorded.turns().get(index);
            log.recorded(turn.model());
            return LoopRunner.Next.of(turn.withResults(List.of(), Turn.Decision.NONE));
        }

        @Override
        public LoopSteps.Decider decider(int index, Turn turn) {
            Turn.Decision then = recorded.turns().get(index).decision();
            return (changes, previews) -> switch (then) {
                case DECLINED, UNCONFIRMED -> then;
                default -> consent.changes(changes, previews);
            };
        }

        @Override
        public boolean budgeted() {
            return false;
        }

        @Override
        public End answered(int index, End computed) {
            return index == recorded.turns().size() - 1 && recorded.end() != null ? recorded.end() : computed;
        }

        @Override
        public void ran(int index, Turn turn) {
            Turn then = recorded.turns().get(index);
            if (then.decision() != turn.decision()) {
                differences.add("turn " + (index + 1) + " (decided " + lower(turn.decision()) + ", recorded "
                        + lower(then.decision()) + ")");
            }
            for (int i = 0; i < turn.results().size(); i++) {
                Result now = turn.results().get(i);
                Result was = i < then.results().size() ? then.results().get(i) : null;
                if (now.equals(was)) {
                    continue;
                }
                differences.add(now.id());
                err.println("  " + now.id() + " answers differently than recorded:");
                List<String> where = JsonDiff.pointers(Json.toTree(was), Json.toTree(now), MAX_POINTERS);
                for (String pointer : where) {
                    err.println("    " + pointer + ": was " + clip(Json.toTree(was).at(pointer)) + ", now "
                            + clip(Json.toTree(now).at(pointer)));
                }
            }
            err.flush();
        }

        private static String lower(Turn.Decision decision) {
            return decision.name().toLowerCase(java.util.Locale.ROOT);
        }

        private static String clip(JsonNode value) {
            String text = value.isMissingNode() ? "(absent)" : Json.toString(value);
            return text.length() <= 80 ? text : text.substring(0, 80) + "…";
        }
    }
}
