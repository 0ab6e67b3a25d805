package dev.llmos.planner;

/**
 * what an llm may spend on one plan: its token budget, and the bounds the proposal schema puts on
 * every string, array and the number of steps, so that constrained decoding closes within the
 * budget (a model that fills a 256 kib string would otherwise be cut off mid-plan). the plan is
 * still validated against the actions' own schemas.
 *
 * @param maxTokens the most tokens an answer may take
 * @param maxString the longest string the proposal schema allows (actions may allow less)
 * @param maxItems the longest array the proposal schema allows
 * @param maxSteps the most steps a proposal may have
 */
record Decoding(int maxTokens, int maxString, int maxItems, int maxSteps) {
    /** enough for a real model's plans of everyday requests. */
    public static final Decoding DEFAULT = new Decoding(2048, 512, 32, 8);

    public Decoding {
        if (maxTokens < 64 || maxString < 8 || maxItems < 1 || maxSteps < 1 || maxSteps > PlanSchema.MAX_STEPS) {
            throw new IllegalArgumentException("decoding bounds out of range: " + this);
        }
    }
}
