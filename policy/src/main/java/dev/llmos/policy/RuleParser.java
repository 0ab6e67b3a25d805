package dev.llmos.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.catalog.ParamsSchemas;
import dev.llmos.catalog.RecordBinder;
import dev.llmos.protocol.RpcException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * turns the toml text of one policy file into rules. each {@code [[rule]]} table and each of its
 * {@code match} / {@code not_match} examples is bound by the same {@link RecordBinder} as action
 * params ({@link RuleSpec}, {@link ExampleSpec}), so unknown keys, wrong types and empty lists are
 * refused the same way; then the values a schema cannot check, and the examples against the rule.
 * every error names the file, the line and column the toml parser recorded for the offending key
 * or element, the rule and what was expected.
 */
final class RuleParser {
    /** the keys of a rule table, in the order {@link Policy#show()} writes them. */
    static final List<String> RULE_KEYS = Arrays.stream(RuleSpec.class.getRecordComponents())
            .map(component -> ParamsSchemas.wireName(component.getName())).toList();
    private static final Set<String> EXAMPLE_KINDS = Set.of("match", "not_match");

    /** the binders, made on first use: a policy without rules (or examples) never pays for their schemas. */
    private static final class Rules {
        static final RecordBinder<RuleSpec> BINDER = RecordBinder.of(RuleSpec.class);
    }

    private static final class Examples {
        static final RecordBinder<ExampleSpec> BINDER = RecordBinder.of(ExampleSpec.class);
    }

    private final PolicySource source;
    private final TomlTree tree;

    private RuleParser(PolicySource source) throws PolicyException {
        this.source = source;
        this.tree = TomlTree.parse(source);
    }

    static List<Rule> parse(PolicySource source) throws PolicyException {
        return new RuleParser(source).rules();
    }

    private List<Rule> rules() throws PolicyException {
        ObjectNode root = tree.root();
        for (var entry : root.properties()) {
            String key = entry.getKey();
            if (!key.equals("rule")) {
                throw tree.error(TomlTree.child("", key),
                        "unknown top-level key '" + key + "'; a policy file holds only [[rule]] tables");
            }
        }
        JsonNode list = root.path("rule");
        if (!list.isMissingNode() && !list.isArray()) {
            throw tree.error("/rule", "'rule' must be an array of tables ([[rule]])");
        }
        List<Rule> rules = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            rules.add(rule("/rule/" + i, list.get(i)));
        }
        return rules;
    }

    private Rule rule(String at, JsonNode node) throws PolicyException {
        String name = node.path("id").isTextual() ? "rule '" + node.path("id").textValue() + "'"
                : "rule #" + (Integer.parseInt(at.substring(at.lastIndexOf('/') + 1)) + 1);
        RuleSpec spec = bind(Rules.BINDER, node, at, name);
        Rule rule;
        try {
            Decision decision = spec.checkedDecision();
            Optional<Set<String>> elevation = spec.elevation();
            boolean grants = decision == Decision.ALLOW || elevation.isPresent();
            int line = tree.line(at);
            rule = new Rule(new RuleMatch(spec.checkedId(), decision, spec.checkedReason(), RuleMatch.Layer.CONFIG),
                    elevation, spec.actionMatcher(), spec.matchers(grants), source.name() + ":" + line, line,
                    withoutExamples(node));
        } catch (RuleSpec.InvalidKey e) {
            throw keyError(at, e, name);
        }
        examples(at, spec.match(), "match", rule, name);
        examples(at, spec.notMatch(), "not_match", rule, name);
        return rule;
    }

    private void examples(String rule, List<ObjectNode> examples, String kind, Rule owner, String name)
            throws PolicyException {
        for (int i = 0; examples != null && i < examples.size(); i++) {
            String at = rule + "/" + kind + "/" + i;
            String label = name + ": " + kind + " example #" + (i + 1);
            PolicyInput input;
            try {
                input = bind(Examples.BINDER, examples.get(i), at, label).input();
            } catch (RuleSpec.InvalidKey e) {
                throw keyError(at, e, label);
            }
            Optional<String> mismatch = owner.mismatch(new Facts(input));
            if (kind.equals("match") && mismatch.isPresent()) {
                throw tree.error(at, label + " does not match the rule: its '" + mismatch.get() + "' does not hold");
            }
            if (!kind.equals("match") && mismatch.isEmpty()) {
                throw tree.error(at, label + " matches the rule");
            }
        }
    }

    /** binds the table at {@code at}; a refusal is placed at the field the binder names. */
    private <R extends Record> R bind(RecordBinder<R> binder, JsonNode node, String at, String label)
            throws PolicyException {
        if (!node.isObject()) {
            throw tree.error(at, label + ": must be a table");
        }
        try {
            return binder.bind(node, "", label).value();
        } catch (RpcException e) {
            throw tree.error(at + e.error().data().path("pointer").asText(), e.error().message());
        }
    }

    private PolicyException keyError(String at, RuleSpec.InvalidKey e, String label) {
        String key = e.path.isEmpty() ? "" : e.path.split("/")[0];
        return tree.error(e.path.isEmpty() ? at : TomlTree.child(at, key) + e.path.substring(key.length()),
                label + ": " + (key.isEmpty() ? "" : "key '" + key + "': ") + e.getMessage());
    }

    private static ObjectNode withoutExamples(JsonNode node) {
        ObjectNode copy = ((ObjectNode) node).deepCopy();
        copy.remove(EXAMPLE_KINDS);
        return copy;
    }
}
