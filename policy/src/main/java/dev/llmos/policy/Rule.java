package dev.llmos.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.action.Risk;
import java.util.List;
import java.util.Set;

/**
 * one configured rule: matchers, all of which must hold (a missing matcher holds always; within
 * one matcher any listed alternative will do), and what to decide when they do.
 *
 * <p>path matchers depend on what the rule does: a rule that grants (decision allow, or run_as)
 * must cover every path the action names, so copying from a granted tree to elsewhere is not
 * granted; a rule that restricts (deny, or ask without run_as) fires when any path falls in its
 * area. an action without path params never matches a rule with path matchers.
 */
final class Rule {
    private final RuleMatch match;
    private final String runAs;
    private final Set<String> capabilities;
    private final List<Glob> actions;
    private final Set<Risk> risks;
    private final Set<String> users;
    private final List<UidRange> uids;
    private final Set<String> groups;
    private final List<ParamMatcher> params;
    private final List<PathPattern> paths;
    private final String file;
    private final int line;
    private final ObjectNode source;

    /** matchers that are null were not given in the rule and hold always. */
    Rule(RuleMatch match, String runAs, Set<String> capabilities, List<Glob> actions, Set<Risk> risks, Set<String> users,
            List<UidRange> uids, Set<String> groups, List<ParamMatcher> params, List<PathPattern> paths, String file,
            int line, ObjectNode source) {
        this.match = match;
        this.runAs = runAs;
        this.capabilities = Set.copyOf(capabilities);
        this.actions = List.copyOf(actions);
        this.risks = risks;
        this.users = users;
        this.uids = uids;
        this.groups = groups;
        this.params = params;
        this.paths = paths;
        this.file = file;
        this.line = line;
        this.source = source;
    }

    String id() {
        return match.rule();
    }

    RuleMatch match() {
        return match;
    }

    /** {@code root}, or null when the rule grants no elevation. */
    String runAs() {
        return runAs;
    }

    /** the capabilities a run as root keeps under this rule (names like {@code CAP_NET_BIND_SERVICE}). */
    Set<String> capabilities() {
        return capabilities;
    }

    /** where the rule was defined, {@code file:line}. */
    String location() {
        return file + ":" + line;
    }

    int line() {
        return line;
    }

    /** the rule as written, without its examples; for {@link Policy#show()}. */
    ObjectNode source() {
        return source;
    }

    /** whether one of the rule's action globs matches {@code action}. */
    boolean coversAction(String action) {
        for (Glob glob : actions) {
            if (glob.matches(action)) {
                return true;
            }
        }
        return false;
    }

    /** the key of the first matcher that does not hold, or null when all hold. */
    String mismatch(Facts facts) {
        if (!coversAction(facts.input.action())) {
            return "actions";
        }
        return mismatchBesidesAction(facts);
    }

    /** like {@link #mismatch(Facts)} for a request whose action this rule is known to cover. */
    String mismatchBesidesAction(Facts facts) {
        PolicyInput input = facts.input;
        if (risks != null && !risks.contains(input.risk())) {
            return "risk";
        }
        if (users != null && !users.contains(input.caller().user())) {
            return "users";
        }
        if (uids != null && !anyUid(input.caller().uid())) {
            return "uids";
        }
        if (groups != null && !anyGroup(input.groupNames())) {
            return "groups";
        }
        if (params != null && !allParams(input)) {
            return "params";
        }
        if (paths != null && !pathsHold(facts)) {
            return "paths";
        }
        return null;
    }

    private boolean anyUid(int uid) {
        for (UidRange range : uids) {
            if (range.contains(uid)) {
                return true;
            }
        }
        return false;
    }

    private boolean anyGroup(Set<String> names) {
        for (String group : groups) {
            if (names.contains(group)) {
                return true;
            }
        }
        return false;
    }

    private boolean allParams(PolicyInput input) {
        for (ParamMatcher param : params) {
            if (!param.matches(input.params())) {
                return false;
            }
        }
        return true;
    }

    private boolean pathsHold(Facts facts) {
        boolean grants = match.decision() == Decision.ALLOW || runAs != null;
        for (String path : facts.paths) {
            boolean covered = covered(path, facts.home);
            if (covered != grants) {
                return covered;
            }
        }
        return grants && facts.paths.length > 0;
    }

    private boolean covered(String path, String home) {
        for (PathPattern pattern : paths) {
            if (pattern.matches(path, home)) {
                return true;
            }
        }
        return false;
    }
}
