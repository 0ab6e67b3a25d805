package dev.llmos.loop;

import java.util.List;

/**
 * what a loop has used so far, a pure function of its turns.
 *
 * @param steps calls the model made that were run or decided (all but those left {@code not_run}; a
 *     turn's calls count before they have results)
 * @param tokensIn prompt tokens
 * @param tokensOut generated tokens
 * @param shownBytes bytes of action output fed back
 */
public record Spend(int steps, long tokensIn, long tokensOut, long shownBytes) {
    public static Spend of(List<Turn> turns) {
        int steps = 0;
        long in = 0;
        long out = 0;
        long shown = 0;
        for (Turn turn : turns) {
            if (turn.results().isEmpty()) {
                steps += turn.calls().size();
            }
            in += turn.usage().promptTokens();
            out += turn.usage().completionTokens();
            for (Result result : turn.results()) {
                steps += result.status() == Result.Status.NOT_RUN ? 0 : 1;
                shown += result.shown();
            }
        }
        return new Spend(steps, in, out, shown);
    }
}
