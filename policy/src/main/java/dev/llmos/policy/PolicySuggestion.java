package dev.llmos.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * the smallest rule that would let one exact request through, for {@code llmsh policy suggest} and
 * the message of a denial: it names the caller, the action, the request's resolved paths and its
 * short scalar params, gives the decision one step more permissive than today's (deny to ask,
 * ask to allow) unless told which, and carries the request as a {@code [[rule.match]]} example.
 * the text is then loaded with the real rule parser (which checks the example) next to the rules
 * in force and the request evaluated again, so a suggestion that would not work is never made:
 * a protection or another configured rule that still denies is reported instead.
 */
public final class PolicySuggestion {
    /** params longer than this (file contents, say) are left unconstrained rather than copied into the rule. */
    static final int MAX_PARAM_CHARS = 256;

    private PolicySuggestion() {
    }

    /**
     * what {@link #suggest} found.
     *
     * @param before the decision today
     * @param beforeRule the rule that gives it
     * @param after the decision with the suggested rule added (today's when there is no rule)
     * @param rule the rule as toml, ready to append to a policy file; null when none is needed or none can help
     * @param ruleId the rule's id, or null
     * @param blocked why no rule can help (a protection, or a configured rule that denies), or null
     */
    public record Result(Decision before, String beforeRule, Decision after, String rule, String ruleId, String blocked) {
    }

    /**
     * @param given the params the request named itself (not filled-in defaults); only these are constrained
     * @param wanted the decision the rule should give, or null for one step more permissive than today's
     */
    public static Result suggest(Policy policy, PolicyInput input, Set<String> given, Decision wanted) throws PolicyException {
        Evaluation now = policy.evaluate(input);
        for (RuleMatch match : now.matched()) {
            if (match.layer() == RuleMatch.Layer.PROTECTED && match.decision() == Decision.DENY) {
                return new Result(now.decision(), now.rule(), now.decision(), null, null,
                        "no rule can allow it: " + match.reason() + " (" + match.rule() + ")");
            }
        }
        Decision target = wanted != null ? wanted : now.decision() == Decision.DENY ? Decision.ASK : Decision.ALLOW;
        if (now.decision().compareTo(target) <= 0) {
            return new Result(now.decision(), now.rule(), now.decision(), null, null, null);
        }
        String id = uniqueId(policy, input);
        String text = toml(id, input, given, target);
        List<Rule> added = RuleParser.parse(new PolicySource("llmsh policy suggest", text));
        Evaluation after = policy.with(added).evaluate(input);
        if (after.decision().compareTo(target) > 0) {
            return new Result(now.decision(), now.rule(), after.decision(), null, null,
                    "a rule would not help: " + after.rule() + " still gives " + after.decision().wireName() + " ("
                            + after.reason() + ")");
        }
        return new Result(now.decision(), now.rule(), after.decision(), text, id, null);
    }

    private static String uniqueId(Policy policy, PolicyInput input) {
        String base = (input.caller().user() + "-" + input.action()).toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9._-]", "-");
        base = base.length() > 56 ? base.substring(0, 56) : base;
        if (!Character.isLetterOrDigit(base.charAt(0))) {
            base = "u" + base;
        }
        String id = base;
        for (int n = 2; policy.hasRule(id); n++) {
            id = base + "-" + n;
        }
        return id;
    }

    static String toml(String id, PolicyInput input, Set<String> given, Decision decision) {
        String user = input.caller().user();
        String action = input.action();
        StringBuilder out = new StringBuilder("[[rule]]\n")
                .append("id = ").append(quote(id)).append('\n')
                .append("actions = [").append(quote(action)).append("]\n")
                .append("users = [").append(quote(user)).append("]\n");
        List<String> paths = new ArrayList<>();
        input.paths().values().forEach(list -> list.forEach(path -> paths.add(quote(path.toString()))));
        if (!paths.isEmpty()) {
            out.append("paths = [").append(String.join(", ", paths)).append("]\n");
        }
        String params = params(input, given);
        if (params != null) {
            out.append("params = ").append(params).append('\n');
        }
        out.append("decision = ").append(quote(decision.wireName())).append('\n')
                .append("reason = ").append(quote(user + " may " + (decision == Decision.ALLOW ? "" : "ask to ")
                        + "run " + action + " exactly like this (suggested by llmsh policy suggest)")).append('\n');
        if (input.caller().uid() != 0 && input.risk() == dev.llmos.action.Risk.SYSTEM) {
            out.append("# run_as = \"root\"   # add if ").append(action)
                    .append(" needs root's privileges to work (system actions usually do)\n");
        }
        out.append("\n[[rule.match]]\n")
                .append("action = ").append(quote(action)).append('\n')
                .append("risk = ").append(quote(input.risk().wireName())).append('\n')
                .append("user = ").append(quote(user)).append('\n')
                .append("uid = ").append(input.caller().uid()).append('\n');
        if (input.home() != null) {
            out.append("home = ").append(quote(input.home().toString())).append('\n');
        }
        if (params != null) {
            out.append("params = ").append(params).append('\n');
        }
        if (!input.paths().isEmpty()) {
            List<String> entries = new ArrayList<>();
            for (Map.Entry<String, List<Path>> entry : input.paths().entrySet()) {
                List<String> list = new ArrayList<>();
                entry.getValue().forEach(path -> list.add(quote(path.toString())));
                entries.add(key(entry.getKey()) + " = [" + String.join(", ", list) + "]");
            }
            out.append("paths = { ").append(String.join(", ", entries)).append(" }\n");
        }
        return out.toString();
    }

    /** the given, non-path, short scalar params as an inline table; arrays of strings as one space-joined glob. */
    private static String params(PolicyInput input, Set<String> given) {
        List<String> entries = new ArrayList<>();
        for (Map.Entry<String, JsonNode> param : input.params().properties()) {
            String name = param.getKey();
            JsonNode value = param.getValue();
            if (!given.contains(name) || input.paths().containsKey(name) && input.role(name) != dev.llmos.action.PathParam.Role.PROGRAM) {
                continue;
            }
            String literal = literal(value);
            if (literal != null) {
                entries.add(key(name) + " = " + literal);
            }
        }
        return entries.isEmpty() ? null : "{ " + String.join(", ", entries) + " }";
    }

    private static String literal(JsonNode value) {
        if (value.isTextual()) {
            return value.textValue().length() <= MAX_PARAM_CHARS ? quote(value.textValue()) : null;
        }
        if (value.isNumber() || value.isBoolean()) {
            return value.asText();
        }
        if (value.isArray() && !value.isEmpty()) {
            List<String> words = new ArrayList<>();
            for (JsonNode element : value) {
                if (!element.isTextual()) {
                    return null;
                }
                words.add(element.textValue());
            }
            String joined = String.join(" ", words);
            return joined.length() <= MAX_PARAM_CHARS ? quote(joined) : null;
        }
        return null;
    }

    private static String key(String name) {
        return name.matches("[A-Za-z0-9_-]+") ? name : quote(name);
    }

    /** a toml basic string: json's escaping is valid toml. */
    private static String quote(String text) {
        return TextNode.valueOf(text).toString();
    }
}
