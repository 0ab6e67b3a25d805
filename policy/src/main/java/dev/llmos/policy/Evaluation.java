package dev.llmos.policy;

import java.util.List;
import java.util.Set;
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
 * @param capabilities the capabilities the elevating rules grant a run as root (empty: none, the
 *     default; a program started as root then has no capabilities at all)
 */
public record Evaluation(Decision decision, String rule, String reason, List<RuleMatch> matched, String runAs,
        Set<String> capabilities) {
    /** an evaluation that grants no capabilities. */
    public Evaluation(Decision decision, String rule, String reason, List<RuleMatch> matched, String runAs) {
        this(decision, rule, reason, matched, runAs, Set.of());
    }

    /** the only elevation a rule can grant. */
    public static final String ROOT = "root";

    public Evaluation {
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(reason, "reason");
        matched = List.copyOf(matched);
        capabilities = Capabilities.sorted(capabilities);
        if (runAs == null && !capabilities.isEmpty()) {
            throw new IllegalArgumentException("capabilities are granted only with run_as = root");
        }
        if (runAs != null && !runAs.equals(ROOT)) {
            throw new IllegalArgumentException("run_as must be null or root, not " + runAs);
        }
    }
}
