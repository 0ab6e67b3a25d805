package dev.llmos.planner;

import dev.llmos.action.Action;
import dev.llmos.action.Risk;

/**
 * how sure the router must be before it proposes an action, by what the action can do: a read needs the
 * least, a change more, a removal or a system change more still, and an action nothing can undo (purging
 * the quarantine, signalling a process, removing a package) a close match in meaning, not only in letters.
 */
enum RiskTier {
    READ(0, 0, 0),
    WRITE(0.05, 0.04, 0),
    DESTRUCTIVE(0.10, 0.05, 0),
    IRREVERSIBLE(0.15, 0.08, 0.45);

    private final double extraScore;
    private final double minMargin;
    private final double minSemantic;

    RiskTier(double extraScore, double minMargin, double minSemantic) {
        this.extraScore = extraScore;
        this.minMargin = minMargin;
        this.minSemantic = minSemantic;
    }

    static RiskTier of(Action<?> action) {
        if (action.irreversible()) {
            return IRREVERSIBLE;
        }
        return switch (action.risk()) {
            case READ -> READ;
            case WRITE -> WRITE;
            case DESTRUCTIVE, SYSTEM -> DESTRUCTIVE;
        };
    }

    double minScore(IntentRouter.Settings settings) {
        return settings.minScore() + extraScore;
    }

    double minMargin(IntentRouter.Settings settings) {
        return Math.max(settings.minMargin(), minMargin);
    }

    /** true when {@code best}, {@code margin} ahead of the next action, is sure enough for this tier. */
    boolean clears(ExampleIndex.Score best, double margin, IntentRouter.Settings settings) {
        return best.score() >= minScore(settings) && margin >= minMargin(settings) && best.semantic() >= minSemantic;
    }

    /** how the plan's why names the tier. */
    String label() {
        return switch (this) {
            case READ -> "a read";
            case WRITE -> "a change";
            case DESTRUCTIVE -> "a removal or system change";
            case IRREVERSIBLE -> "an irreversible action";
        };
    }
}
