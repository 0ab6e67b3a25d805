package dev.llmos.planner;

import dev.llmos.protocol.Plan;

/**
 * turns what a person typed into a plan of typed actions. a planner only proposes: every plan it
 * returns has passed the catalog's validation, and is still policy-checked like a direct action.
 * implementations are thread-safe and deterministic (same text, catalog and context, same plan).
 */
interface Planner {
    /** who made a plan, as recorded in {@link Plan#planner()}: {@code router}, {@code llm:<model>}, ... */
    String id();

    /** a plan for {@code text}, or why there is none. */
    Plan plan(String text, PlanContext context) throws PlanningException;
}
