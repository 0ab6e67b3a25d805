package dev.llmos.policy;

import java.util.Objects;

/**
 * one rule that matched a request.
 *
 * @param rule the rule id; built-in rules start with {@code builtin.}
 * @param decision what the rule says
 * @param reason why, for people
 * @param layer where the rule comes from, and so whether configuration can change it
 */
public record RuleMatch(String rule, Decision decision, String reason, Layer layer) {
    public RuleMatch {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(layer, "layer");
    }

    /** the three layers of a policy, in the order they are evaluated. */
    public enum Layer implements dev.llmos.support.WireEnum {
        /** built-in protections (protected paths); always apply, configuration cannot lift them. */
        PROTECTED,
        /** rules from the policy files; every matching one counts. */
        CONFIG,
        /** built-in defaults by risk; apply only when no configured rule matches. */
        DEFAULT;

        /** a short phrase for people, as used by explain and show. */
        public String describe() {
            return switch (this) {
                case PROTECTED -> "built-in protection, cannot be lifted";
                case CONFIG -> "configured rule";
                case DEFAULT -> "built-in default, applies when no configured rule matches";
            };
        }
    }
}
