package dev.llmos.policy;

import dev.llmos.action.Risk;
import java.util.List;
import java.util.Set;

/**
 * one condition of a rule, named by the toml key it was written under. a rule holds when all of
 * its matchers hold; within one matcher any listed alternative will do. a key the rule does not
 * give has no matcher at all, so it holds always. the collections are immutable ({@link RuleSpec}
 * builds them).
 */
sealed interface Matcher {
    /** the toml key, as examples report it when the matcher does not hold. */
    default String key() {
        return switch (this) {
            case Actions actions -> "actions";
            case Risks risks -> "risk";
            case Users users -> "users";
            case Uids uids -> "uids";
            case Groups groups -> "groups";
            case Params params -> "params";
            case Paths paths -> "paths";
        };
    }

    boolean holds(Facts facts);

    /** action name globs; every rule has one. */
    record Actions(List<Glob> globs) implements Matcher {
        @Override
        public boolean holds(Facts facts) {
            return covers(facts.input.action());
        }

        boolean covers(String action) {
            for (Glob glob : globs) {
                if (glob.matches(action)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** the action's declared risk. */
    record Risks(Set<Risk> risks) implements Matcher {
        @Override
        public boolean holds(Facts facts) {
            return risks.contains(facts.input.risk());
        }
    }

    /** the caller's user name, exactly. */
    record Users(Set<String> names) implements Matcher {
        @Override
        public boolean holds(Facts facts) {
            return names.contains(facts.input.caller().user());
        }
    }

    /** the caller's uid, in one of the ranges. */
    record Uids(List<UidRange> ranges) implements Matcher {
        @Override
        public boolean holds(Facts facts) {
            int uid = facts.input.caller().uid();
            for (UidRange range : ranges) {
                if (range.contains(uid)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** one of the caller's groups, by name. */
    record Groups(Set<String> names) implements Matcher {
        @Override
        public boolean holds(Facts facts) {
            for (String group : names) {
                if (facts.input.groupNames().contains(group)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** named params; every one must match. */
    record Params(List<ParamMatcher> params) implements Matcher {
        @Override
        public boolean holds(Facts facts) {
            for (ParamMatcher param : params) {
                if (!param.matches(facts.input.params())) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * the action's resolved path params. a granting rule (allow, or run_as) must cover every path the
     * action names, so copying from a granted tree to elsewhere is not granted; a restricting rule
     * (deny, or ask without run_as) fires when any path falls in its area. an action without path
     * params never matches.
     *
     * @param patterns the areas
     * @param grants whether the rule grants
     */
    record Paths(List<PathPattern> patterns, boolean grants) implements Matcher {
        @Override
        public boolean holds(Facts facts) {
            for (String path : facts.paths) {
                boolean covered = covered(path, facts.home);
                if (covered != grants) {
                    return covered;
                }
            }
            return grants && facts.paths.length > 0;
        }

        private boolean covered(String path, String home) {
            for (PathPattern pattern : patterns) {
                if (pattern.matches(path, home)) {
                    return true;
                }
            }
            return false;
        }
    }
}
