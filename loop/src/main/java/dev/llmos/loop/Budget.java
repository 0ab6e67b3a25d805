package dev.llmos.loop;

import java.time.Duration;
import java.util.Optional;

/**
 * what one loop may spend. the person sets it (llmsh options); nothing the model or an action
 * output says can raise it.
 *
 * @param steps the most calls the model may make in all
 * @param tokensIn the most prompt tokens, summed over turns
 * @param tokensOut the most generated tokens, summed over turns
 * @param wallSeconds the most wall time, from the request to the answer
 * @param outputBytes the most bytes of action output fed back to the model in all
 * @param stepBytes the most bytes of one action's output fed back; more is cut and summarised
 */
public record Budget(int steps, long tokensIn, long tokensOut, int wallSeconds, long outputBytes, int stepBytes) {
    public static final Budget DEFAULT = new Budget(16, 200_000, 16_000, 600, 65_536, 16_384);
    /** the smallest output budget of one step: room for a summary of what was cut. */
    public static final int MIN_STEP_BYTES = 256;

    public Budget {
        if (steps < 1 || steps > 256 || tokensIn < 1 || tokensOut < 1 || wallSeconds < 1 || wallSeconds > 86_400
                || outputBytes < MIN_STEP_BYTES || stepBytes < MIN_STEP_BYTES) {
            throw new IllegalArgumentException("budgets: steps 1..256, tokens at least 1, time 1..86400 s, output at "
                    + "least " + MIN_STEP_BYTES + " bytes");
        }
    }

    /** the limits a loop can hit. */
    public enum Limit {
        STEPS("steps"), TOKENS_IN("prompt tokens"), TOKENS_OUT("generated tokens"), WALL_TIME("seconds"),
        OUTPUT_BYTES("bytes of action output");

        private final String unit;

        Limit(String unit) {
            this.unit = unit;
        }

        public String unit() {
            return unit;
        }
    }

    /**
     * a limit that was reached.
     *
     * @param used how much was used
     * @param allowed the budget
     */
    public record Exceeded(Limit limit, long used, long allowed) {
        /** e.g. "the budget of 16 steps is used up (16 used)". */
        public String message() {
            return "the budget of " + allowed + " " + limit.unit() + " is used up (" + used + " used)";
        }
    }

    /** the first limit {@code spent} has reached, in the order of {@link Limit}. */
    public Optional<Exceeded> check(Spend spent, Duration elapsed) {
        if (spent.steps() >= steps) {
            return Optional.of(new Exceeded(Limit.STEPS, spent.steps(), steps));
        }
        if (spent.tokensIn() >= tokensIn) {
            return Optional.of(new Exceeded(Limit.TOKENS_IN, spent.tokensIn(), tokensIn));
        }
        if (spent.tokensOut() >= tokensOut) {
            return Optional.of(new Exceeded(Limit.TOKENS_OUT, spent.tokensOut(), tokensOut));
        }
        if (elapsed.toSeconds() >= wallSeconds) {
            return Optional.of(new Exceeded(Limit.WALL_TIME, elapsed.toSeconds(), wallSeconds));
        }
        if (outputBytes - spent.shownBytes() < MIN_STEP_BYTES) {
            return Optional.of(new Exceeded(Limit.OUTPUT_BYTES, spent.shownBytes(), outputBytes));
        }
        return Optional.empty();
    }

    /** the most bytes the next output may take: its own cap, and what the loop has left. */
    public long nextStepBytes(Spend spent) {
        return Math.max(0, Math.min(stepBytes, outputBytes - spent.shownBytes()));
    }

    /** how many more calls may run. */
    public int stepsLeft(Spend spent) {
        return Math.max(0, steps - spent.steps());
    }

    /** the most tokens the next turn may generate. */
    public long tokensOutLeft(Spend spent) {
        return Math.max(0, tokensOut - spent.tokensOut());
    }
}
