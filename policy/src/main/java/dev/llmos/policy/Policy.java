package dev.llmos.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * an immutable, loaded policy: built-in protections, configured rules and built-in defaults.
 * {@link #evaluate(PolicyInput)} is pure and does no i/o; it is safe to call from any thread.
 *
 * <p>evaluation: the protections (layer {@code protected}) and every matching configured rule
 * (layer {@code config}) count; when no configured rule matches, the default for the action's
 * risk (layer {@code default}) counts instead. the strictest decision wins, and the first rule that
 * gave it is the deciding one. so configuration can grant what the defaults ask or deny, can
 * restrict anything, and can never lift a protection.
 */
public final class Policy {
    private static final Pattern BARE_KEY = Pattern.compile("[A-Za-z0-9_-]+");

    /** how many distinct action names get a cached rule list; past that, lists are computed per call. */
    private static final int ACTION_CACHE_LIMIT = 4096;

    private final Rule[] rules;
    private final Map<String, Rule> byId = new LinkedHashMap<>();
    /** per action name, the rules whose action globs cover it, in order; filled by {@link #candidates(String)}. */
    private final Map<String, Rule[]> byAction = new ConcurrentHashMap<>();
    private final List<String> sources;
    private final ProtectedPaths protections;

    Policy(List<Rule> rules, List<String> sources) {
        this(rules, sources, new ProtectedPaths(List.of()));
    }

    private Policy(List<Rule> rules, List<String> sources, ProtectedPaths protections) {
        this.rules = rules.toArray(Rule[]::new);
        rules.forEach(rule -> byId.put(rule.id(), rule));
        this.sources = List.copyOf(sources);
        this.protections = protections;
    }

    /**
     * this policy with the daemon's own files protected too, like the built-in trees.
     *
     * @param own canonical absolute paths (symlinks resolved), each protected with everything beneath it
     */
    public Policy protecting(List<String> own) {
        return new Policy(List.of(rules), sources, new ProtectedPaths(own));
    }

    /** this policy with {@code more} rules after its own (a suggestion being checked). */
    Policy with(List<Rule> more) {
        List<Rule> all = new ArrayList<>(Arrays.asList(rules));
        all.addAll(more);
        return new Policy(all, sources);
    }

    /** whether a configured rule has this id. */
    boolean hasRule(String id) {
        return byId.containsKey(id);
    }

    /** the policy with no configuration: protections and defaults only. */
    public static Policy builtIn() {
        return new Policy(List.of(), List.of());
    }

    public Evaluation evaluate(PolicyInput input) {
        Facts facts = new Facts(input);
        List<RuleMatch> matched = new ArrayList<>(4);
        RuleMatch protection = protections.check(facts);
        if (protection != null) {
            matched.add(protection);
        }
        boolean configured = false;
        boolean elevates = false;
        java.util.Set<String> capabilities = new java.util.TreeSet<>();
        for (Rule rule : candidates(input.action())) {
            if (rule.holdsBesidesAction(facts)) {
                matched.add(rule.match());
                configured = true;
                elevates |= rule.elevates();
                rule.elevation().ifPresent(capabilities::addAll);
            }
        }
        if (!configured) {
            matched.add(Defaults.of(facts));
        }
        RuleMatch deciding = matched.getFirst();
        for (RuleMatch match : matched) {
            if (match.decision().compareTo(deciding.decision()) > 0) {
                deciding = match;
            }
        }
        boolean runsAsRoot = elevates && deciding.decision() != Decision.DENY;
        return new Evaluation(deciding.decision(), deciding.rule(), deciding.reason(), matched,
                runsAsRoot ? Evaluation.ROOT : null, runsAsRoot ? capabilities : java.util.Set.of());
    }

    private Rule[] candidates(String action) {
        Rule[] cached = byAction.get(action);
        if (cached != null) {
            return cached;
        }
        Rule[] covering = Arrays.stream(rules).filter(rule -> rule.coversAction(action)).toArray(Rule[]::new);
        if (byAction.size() < ACTION_CACHE_LIMIT) {
            byAction.put(action, covering);
        }
        return covering;
    }

    /** the evaluation for people, as printed by {@code llmsh policy check}: every matched rule and why. */
    public String explain(Evaluation evaluation) {
        StringBuilder out = new StringBuilder()
                .append("decision: ").append(evaluation.decision().wireName()).append('\n')
                .append("rule:     ").append(evaluation.rule()).append(" (").append(origin(evaluation.rule(),
                        evaluation.matched())).append(")\n")
                .append("reason:   ").append(evaluation.reason()).append('\n')
                .append("runs as:  ").append(evaluation.runAs() == null ? "the caller" : evaluation.runAs()
                        + (evaluation.capabilities().isEmpty() ? "" : " keeping " + String.join(", ", evaluation.capabilities()))
                        + " (granted by a configured rule)").append('\n')
                .append("matched rules (the strictest decision wins):\n");
        for (RuleMatch match : evaluation.matched()) {
            out.append(String.format("  %-5s  %s  [%s]\n         %s\n", match.decision().wireName(), match.rule(),
                    origin(match.rule(), evaluation.matched()), match.reason()));
        }
        return out.toString();
    }

    private String origin(String id, List<RuleMatch> matched) {
        Rule rule = byId.get(id);
        if (rule != null) {
            return "configured at " + rule.location();
        }
        return matched.stream().filter(match -> match.rule().equals(id)).findFirst()
                .map(match -> match.layer().describe()).orElse("unknown rule");
    }

    /** the effective policy as text, for {@code llmsh policy show}: protections, defaults, then rules as toml. */
    public String show() {
        StringBuilder out = new StringBuilder("# effective policy\n")
                .append("# sources: ").append(sources.isEmpty() ? "none (built-ins only)" : String.join(", ", sources))
                .append('\n')
                .append("# evaluation: the protections and every matching configured rule count; the defaults count"
                        + " only when no\n# configured rule matches; the strictest decision wins (deny > ask > allow)."
                        + " a rule that grants\n# (allow, or run_as) must cover every path of an action; a rule that"
                        + " restricts fires on any one.\n")
                .append(protections.describe())
                .append(Defaults.describe())
                .append("# configured rules (layer config), in load order: ").append(rules.length).append('\n');
        for (Rule rule : rules) {
            out.append("\n# ").append(rule.location()).append("\n[[rule]]\n");
            ObjectNode source = rule.source().deepCopy();
            source.put("decision", rule.match().decision().wireName());
            for (String key : RuleParser.RULE_KEYS) {
                JsonNode value = source.get(key);
                if (value != null) {
                    out.append(key).append(" = ").append(toml(value)).append('\n');
                }
            }
        }
        return out.toString();
    }

    /** a toml literal for {@code value}; json scalars are already valid toml. */
    private static String toml(JsonNode value) {
        List<String> entries = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(element -> entries.add(toml(element)));
            return "[" + String.join(", ", entries) + "]";
        }
        if (!value.isObject()) {
            return value.toString();
        }
        value.properties().forEach(entry -> entries.add(
                (BARE_KEY.matcher(entry.getKey()).matches() ? entry.getKey() : TextNode.valueOf(entry.getKey()).toString())
                        + " = " + toml(entry.getValue())));
        return "{ " + String.join(", ", entries) + " }";
    }
}
