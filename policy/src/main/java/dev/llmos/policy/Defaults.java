package dev.llmos.policy;

import java.util.List;

/**
 * the built-in decision, used only when no configured rule matches a request: for an action that
 * runs under a lease, allow while the caller holds one and ask otherwise; else by risk.
 */
final class Defaults {
    static final RuleMatch READ = fallback("builtin.read", Decision.ALLOW, "reading is allowed by default");
    static final RuleMatch WRITE = fallback("builtin.write", Decision.ASK, "changes need confirmation by default");
    static final RuleMatch DESTRUCTIVE_HOME = fallback("builtin.destructive-home", Decision.ASK,
            "destructive actions inside your home directory need confirmation");
    static final RuleMatch DESTRUCTIVE = fallback("builtin.destructive", Decision.ASK,
            "destructive actions outside your home directory need confirmation");
    static final RuleMatch SYSTEM = fallback("builtin.system", Decision.DENY,
            "system actions are denied unless a configured rule grants them");

    static final RuleMatch LEASE_HELD = fallback("builtin.lease", Decision.ALLOW,
            "a live lease of this kind allows it without asking");
    static final RuleMatch LEASE_MISSING = fallback("builtin.lease-missing", Decision.ASK,
            "needs confirmation, or a lease of this kind (llmsh lease KIND DURATION)");

    private static final List<RuleMatch> ALL = List.of(READ, WRITE, DESTRUCTIVE_HOME, DESTRUCTIVE, SYSTEM, LEASE_HELD,
            LEASE_MISSING);

    private static final PathPattern HOME = PathPattern.compile("~");

    private Defaults() {
    }

    private static RuleMatch fallback(String id, Decision decision, String reason) {
        return new RuleMatch(id, decision, reason, RuleMatch.Layer.DEFAULT);
    }

    static RuleMatch of(Facts facts) {
        if (facts.input.lease() != null) {
            return facts.input.leaseHeld() ? LEASE_HELD : LEASE_MISSING;
        }
        return switch (facts.input.risk()) {
            case READ -> READ;
            case WRITE -> WRITE;
            case DESTRUCTIVE -> insideHome(facts) ? DESTRUCTIVE_HOME : DESTRUCTIVE;
            case SYSTEM -> SYSTEM;
        };
    }

    /** true when the action names at least one path and all of them are inside the caller's home. */
    private static boolean insideHome(Facts facts) {
        for (String path : facts.paths) {
            if (!HOME.matches(path, facts.home)) {
                return false;
            }
        }
        return facts.paths.length > 0;
    }

    /** the defaults as comment lines for {@link Policy#show()}. */
    static String describe() {
        StringBuilder out = new StringBuilder(
                "# built-in defaults (layer default; apply only when no configured rule matches):\n");
        for (RuleMatch rule : ALL) {
            out.append(String.format("#   %-26s %-5s  %s%n", rule.rule(), rule.decision().wireName(), rule.reason()));
        }
        return out.toString();
    }
}
