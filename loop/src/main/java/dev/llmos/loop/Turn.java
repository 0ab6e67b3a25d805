package dev.llmos.loop;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Objects;

/**
 * one round of the loop: what the model answered (calls, or a final answer in {@code text}), what
 * became of each call, and how the person decided the calls that change something.
 *
 * @param model who answered, e.g. {@code llm:local:qwen}
 * @param usage what it cost in tokens
 * @param repairs how many repair rounds its answer needed (0 or 1)
 * @param text the answer when there are no calls; words accompanying the calls otherwise (may be empty)
 * @param calls the actions it asked for, in order
 * @param results one per call, in the same order, once they ran (empty until then)
 * @param decision how the calls that are not reads were decided
 */
public record Turn(
        @NotNull @Size(min = 1, max = 200) String model,
        @NotNull Usage usage,
        @NotNull @Min(0) @Max(1) Integer repairs,
        @NotNull @Size(max = Turn.MAX_TEXT) String text,
        @NotNull @Size(max = Turn.MAX_CALLS) List<@NotNull Call> calls,
        @NotNull @Size(max = Turn.MAX_CALLS) List<@NotNull Result> results,
        @NotNull Decision decision) {
    /** the most calls one turn may make. */
    public static final int MAX_CALLS = 8;
    /** the longest answer kept. */
    public static final int MAX_TEXT = 32768;

    /** how the calls that change something were decided. */
    public enum Decision {
        /** there were none (only reads, or an answer). */
        NONE,
        /** the person agreed (at the prompt, with --yes, or under a lease they granted this session). */
        CONFIRMED,
        /** the person said no. */
        DECLINED,
        /** nobody could be asked (no terminal, no --yes): nothing ran. */
        UNCONFIRMED
    }

    public Turn {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(decision, "decision");
        calls = List.copyOf(calls);
        results = List.copyOf(results);
    }

    /** a model's answer before anything ran. */
    public static Turn proposed(String model, Usage usage, int repairs, String text, List<Call> calls) {
        return new Turn(model, usage, repairs, text, calls, List.of(), Decision.NONE);
    }

    /** this turn with its calls' results and the decision. */
    public Turn withResults(List<Result> done, Decision how) {
        return new Turn(model, usage, repairs, text, calls, done, how);
    }

    /** a final answer: no calls. */
    @JsonIgnore
    public boolean isAnswer() {
        return calls.isEmpty();
    }
}
