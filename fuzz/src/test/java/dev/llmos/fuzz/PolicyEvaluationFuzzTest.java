package dev.llmos.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.llmos.action.Caller;
import dev.llmos.action.PathParam;
import dev.llmos.action.Risk;
import dev.llmos.policy.Decision;
import dev.llmos.policy.Evaluation;
import dev.llmos.policy.LexicalPaths;
import dev.llmos.policy.Policy;
import dev.llmos.policy.PolicyException;
import dev.llmos.policy.PolicyInput;
import dev.llmos.policy.PolicyLoader;
import dev.llmos.policy.RuleMatch;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * a policy file someone wrote (fuzzed toml, seeded with real rule files) evaluated on a fuzzed
 * request. whatever the rules say: evaluation never fails, the decision is the strictest of the
 * matched rules and the deciding rule is among them, elevation never comes with a deny, and no
 * rule lifts the built-in protections: a change to a path inside a protected tree is denied for
 * every caller, root included.
 */
class PolicyEvaluationFuzzTest {
    private static final List<String> PROTECTED = List.of("/etc/shadow", "/usr", "/boot", "/etc/sudoers.d",
            "/var/lib/llm-osd", "/etc/llm-os", "/proc", "/dev", "/lib64");
    private static final Risk[] RISKS = Risk.values();
    private static final PathParam.Role[] ROLES = PathParam.Role.values();

    /**
     * the input is a header line, {@code UID RISK ROLE ATTACK ACTION PATH}, then the policy file.
     * {@code ATTACK} 1 puts the path inside a protected tree; each field picks from its choices by
     * its value (a number, or the text's hash), so every input is some request.
     */
    @FuzzTest(maxDuration = "5s")
    void evaluate(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        int newline = text.indexOf('\n');
        String[] header = (newline < 0 ? text : text.substring(0, newline)).split(" ", 6);
        String rules = newline < 0 ? "" : text.substring(newline + 1);
        int uid = pick(field(header, 0), new Integer[] {0, 1000, 1001, 33, 65534});
        String user = uid == 0 ? "root" : "user" + uid;
        Caller caller = new Caller(uid, uid, 4242, user, List.of(uid));
        Set<String> groups = Set.of(user, "llmos-admins");
        Risk risk = pick(field(header, 1), RISKS);
        PathParam.Role role = pick(field(header, 2), ROLES);
        boolean attack = field(header, 3).equals("1");
        String action = field(header, 4);
        String suffix = field(header, 5);
        Path path = attack ? lexical(pick(suffix, PROTECTED.toArray(String[]::new)) + "/" + suffix) : lexical("/" + suffix);
        if (path == null) {
            return;
        }
        Policy policy;
        try {
            policy = PolicyLoader.parse("fuzz.toml", rules);
        } catch (PolicyException e) {
            return;
        }
        PolicyInput input = new PolicyInput(caller, groups, uid == 0 ? Path.of("/root") : Path.of("/home/" + user),
                action, risk, JsonNodeFactory.instance.objectNode().put("path", path.toString()),
                Map.of("path", List.of(path)), Map.of("path", role), null, false);
        Evaluation evaluation = policy.evaluate(input);
        Decision strictest = Decision.ALLOW;
        boolean decidingMatched = false;
        for (RuleMatch match : evaluation.matched()) {
            strictest = strictest.strictest(match.decision());
            decidingMatched |= match.rule().equals(evaluation.rule()) && match.decision() == evaluation.decision();
        }
        Invariants.require(evaluation.decision() == strictest, "the decision is not the strictest matched");
        Invariants.require(decidingMatched, "the deciding rule " + evaluation.rule() + " is not among the matched");
        Invariants.require(evaluation.runAs() == null || evaluation.decision() != Decision.DENY, "elevated and denied");
        boolean guarded = role == PathParam.Role.OUTPUT || (role == PathParam.Role.TARGET && risk != Risk.READ);
        if (attack && guarded) {
            Invariants.require(evaluation.decision() == Decision.DENY, "a rule lifted the protection of " + path
                    + " for " + user + " (" + action + ", " + risk + "): " + evaluation);
        }
    }

    private static String field(String[] header, int index) {
        return index < header.length ? header[index] : "";
    }

    /** the choice a field names: by its number when it is one, else by its hash. */
    private static <T> T pick(String field, T[] choices) {
        int index;
        try {
            index = Integer.parseInt(field);
        } catch (NumberFormatException e) {
            index = field.hashCode();
        }
        return choices[Math.floorMod(index, choices.length)];
    }

    private static Path lexical(String raw) {
        try {
            return LexicalPaths.check(raw);
        } catch (InvalidPathException e) {
            return null;
        }
    }
}
