package dev.llmos.planner;

import dev.llmos.loop.Turn;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * what the next turn of a loop is asked from: the person's request and the turns so far, each with
 * the results of its calls.
 *
 * @param request what the person asked
 * @param turns the turns so far, every one a turn of calls with their results
 * @param maxTokens the most tokens the turn may generate (the client's budget), if it says
 * @param answerNow no more calls: the model must answer with what it has (a budget is used up)
 */
public record LoopInput(String request, List<Turn> turns, OptionalInt maxTokens, boolean answerNow) {
    public LoopInput {
        Objects.requireNonNull(request, "request");
        turns = List.copyOf(turns);
        Objects.requireNonNull(maxTokens, "maxTokens");
    }
}
