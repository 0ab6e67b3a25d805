package dev.llmos.planner;

import dev.llmos.loop.Turn;

/**
 * a model's turn as the loop gets it: its calls validated against the catalog (ids assigned, params
 * normalized) or its answer, with who answered and what it cost.
 *
 * @param turn the proposed turn (no results yet)
 * @param backend the model that answered
 * @param modelNanos time spent waiting for the model, repair round included
 * @param sentBytes the size of the chat sent, first round
 */
public record ModelTurn(Turn turn, PlannerService.Llm backend, long modelNanos, int sentBytes) {
}
