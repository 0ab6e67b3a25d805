package dev.llmos.policy;

import java.util.List;
import java.util.Objects;

/**
 * the outcome of evaluating one request.
 *
 * @param decision the strictest decision over every matched rule
 * @param rule the id of the first matched rule that gave that decision
 * @param reason that rule's reason
 * @param matched every matched rule in evaluation order: protections, configured rules, default
 * @param runAs {@code root} when a matched configured rule grants elevation and the decision is not
 *     deny, else null (the action runs with the caller's own privileges)
 */
public record Evaluation(Decision decision, String rule, String reason, List<RuleMatch> matched, String runAs) {
    /** the only elevation a rule can grant. */
    public static final String ROOT = "root";

    public Evaluation {
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(reason, "reason");
        matched = List.copyOf(matched);
        if (runAs != null && !runAs.equals(ROOT)) {
            throw new IllegalArgumentException("run_as must be null or root, not " + runAs);
        }
    }
}
