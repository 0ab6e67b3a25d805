package dev.llmos.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * one configured rule: its action globs and the matchers of the other keys it gives, all of which
 * must hold, and what to decide when they do.
 *
 * @param match the id, decision and reason reported when the rule matches
 * @param elevation the capabilities a run as root keeps under this rule, or empty when it grants no elevation
 * @param actions the action globs
 * @param matchers the other matchers, one per key given
 * @param location where the rule was defined, {@code file:line}
 * @param line the line of its {@code [[rule]]} header
 * @param source the rule as written, without its examples; for {@link Policy#show()}
 */
record Rule(RuleMatch match, Optional<Set<String>> elevation, Matcher.Actions actions, List<Matcher> matchers,
        String location, int line, ObjectNode source) {
    Rule {
        elevation = elevation.map(Set::copyOf);
        matchers = List.copyOf(matchers);
    }

    String id() {
        return match.rule();
    }

    /** whether a matching rule makes the action run as root. */
    boolean elevates() {
        return elevation.isPresent();
    }

    /** whether one of the rule's action globs matches {@code action}. */
    boolean coversAction(String action) {
        return actions.covers(action);
    }

    /** the key of the first matcher that does not hold, or empty when all hold; for load-time examples. */
    Optional<String> mismatch(Facts facts) {
        if (!actions.holds(facts)) {
            return Optional.of(actions.key());
        }
        for (Matcher matcher : matchers) {
            if (!matcher.holds(facts)) {
                return Optional.of(matcher.key());
            }
        }
        return Optional.empty();
    }

    /**
     * whether every matcher besides the action globs holds: the evaluation's hot path, allocation-free.
     * a switch over the sealed set, not an interface call: each case is one type the jit inlines,
     * where the call through {@link Matcher} was megamorphic (about 10% of the policy bench's rate).
     */
    boolean holdsBesidesAction(Facts facts) {
        for (int i = 0; i < matchers.size(); i++) {
            boolean holds = switch (matchers.get(i)) {
                case Matcher.Actions matcher -> matcher.holds(facts);
                case Matcher.Risks matcher -> matcher.holds(facts);
                case Matcher.Users matcher -> matcher.holds(facts);
                case Matcher.Uids matcher -> matcher.holds(facts);
                case Matcher.Groups matcher -> matcher.holds(facts);
                case Matcher.Params matcher -> matcher.holds(facts);
                case Matcher.Paths matcher -> matcher.holds(facts);
            };
            if (!holds) {
                return false;
            }
        }
        return true;
    }
}
