package dev.llmos.policy;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.llmos.action.Caller;
import dev.llmos.action.Risk;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * turns the toml text of one policy file into rules, refusing anything it does not understand:
 * unknown keys, wrong types, empty lists, bad globs, paths or ranges, and rules whose
 * {@code match} / {@code not_match} examples disagree with them. every error names the file and
 * line and, where there is one, the rule and key.
 */
final class RuleParser {
    static final Set<String> RULE_KEYS = new LinkedHashSet<>(List.of(
            "id", "decision", "reason", "run_as", "capabilities", "actions", "risk", "users", "uids", "groups",
            "params", "paths", "match", "not_match"));
    private static final Set<String> EXAMPLE_KEYS = new LinkedHashSet<>(List.of(
            "action", "risk", "user", "uid", "groups", "home", "params", "paths"));
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern ACTION = Pattern.compile("[a-z0-9_.*?-]+");
    private static final String BUILTIN_PREFIX = "builtin.";
    private static final TomlMapper TOML = new TomlMapper();

    private final PolicySource source;
    private final TomlLocator locator;

    private RuleParser(PolicySource source) {
        this.source = source;
        this.locator = new TomlLocator(source.text());
    }

    static List<Rule> parse(PolicySource source) throws PolicyException {
        return new RuleParser(source).rules();
    }

    private List<Rule> rules() throws PolicyException {
        JsonNode root;
        try {
            root = TOML.readTree(source.text());
        } catch (JacksonException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new PolicyException(source.name(), Math.max(line, 0), "invalid toml: " + e.getOriginalMessage());
        }
        List<Rule> rules = new ArrayList<>();
        if (root == null || root.isMissingNode()) {
            return rules;
        }
        for (String key : names(root)) {
            if (!key.equals("rule")) {
                throw new PolicyException(source.name(), locator.topKey(key),
                        "unknown top-level key '" + key + "'; a policy file holds only [[rule]] tables");
            }
        }
        JsonNode list = root.path("rule");
        if (!list.isMissingNode() && !list.isArray()) {
            throw new PolicyException(source.name(), locator.topKey("rule"), "'rule' must be an array of tables ([[rule]])");
        }
        for (int i = 0; i < list.size(); i++) {
            rules.add(new RuleReader(i, list.get(i)).read());
        }
        return rules;
    }

    /** reads one rule, knowing where it is for error messages. */
    private final class RuleReader {
        private final int index;
        private final JsonNode node;
        private String name;

        RuleReader(int index, JsonNode node) {
            this.index = index;
            this.node = node;
            this.name = "rule #" + (index + 1);
        }

        Rule read() throws PolicyException {
            if (!node.isObject()) {
                throw error(locator.rule(index), "must be a table");
            }
            if (node.path("id").isTextual()) {
                name = "rule '" + node.path("id").textValue() + "'";
            }
            for (String key : names(node)) {
                if (!RULE_KEYS.contains(key)) {
                    throw error(locator.ruleKey(index, key), "unknown key '" + key + "' (known keys: "
                            + String.join(", ", RULE_KEYS) + ")");
                }
            }
            String id = text("id", true);
            if (!ID.matcher(id).matches() || id.startsWith(BUILTIN_PREFIX)) {
                throw keyError("id", "must be 1-64 of a-z, 0-9, '.', '_', '-', start with a letter or digit and not"
                        + " start with 'builtin.', not \"" + id + "\"");
            }
            String runAs = text("run_as", false);
            if (runAs != null && !runAs.equals(Evaluation.ROOT)) {
                throw keyError("run_as", "the only elevation is \"root\", not \"" + runAs + "\"");
            }
            Set<String> capabilities = set("capabilities", item -> Capabilities.named(string(item)));
            if (capabilities != null && runAs == null) {
                throw keyError("capabilities", "capabilities are granted to a run as root; add run_as = \"root\"");
            }
            String decisionText = text("decision", runAs == null);
            Decision decision = decisionText == null ? Decision.ASK : Decision.fromWireName(decisionText);
            if (decision == null) {
                throw keyError("decision", "must be one of allow, ask, deny, not \"" + decisionText + "\"");
            }
            String reason = text("reason", true);
            if (reason.isBlank()) {
                throw keyError("reason", "must say why, for the people who will read it");
            }
            List<Glob> actions = list("actions", this::action);
            if (actions == null) {
                throw keyError("actions", "is required; use [\"*\"] to match every action");
            }
            Set<Risk> risks = set("risk", this::risk);
            Rule rule = new Rule(new RuleMatch(id, decision, reason, RuleMatch.Layer.CONFIG), runAs,
                    capabilities == null ? Set.of() : capabilities, actions,
                    risks == null ? null : EnumSet.copyOf(risks), set("users", this::plain), list("uids", this::uids),
                    set("groups", this::plain), params(), list("paths", this::path),
                    source.name(), locator.rule(index), withoutExamples());
            checkExamples(rule, "match", true);
            checkExamples(rule, "not_match", false);
            return rule;
        }

        private ObjectNode withoutExamples() {
            ObjectNode copy = ((ObjectNode) node).deepCopy();
            copy.remove(List.of("match", "not_match"));
            return copy;
        }

        private String text(String key, boolean required) throws PolicyException {
            JsonNode value = node.get(key);
            if (value == null) {
                if (required) {
                    throw error(locator.rule(index), "missing required key '" + key + "'");
                }
                return null;
            }
            if (!value.isTextual()) {
                throw keyError(key, "must be a string, not " + describe(value));
            }
            return value.textValue();
        }

        /** a non-empty array read element by element; null when the key is absent. */
        private <T> List<T> list(String key, Function<JsonNode, T> element) throws PolicyException {
            JsonNode value = node.get(key);
            if (value == null) {
                return null;
            }
            if (!value.isArray() || value.isEmpty()) {
                throw keyError(key, "must be a non-empty array, not " + describe(value));
            }
            List<T> out = new ArrayList<>();
            for (JsonNode item : value) {
                try {
                    out.add(element.apply(item));
                } catch (IllegalArgumentException e) {
                    throw keyError(key, e.getMessage());
                }
            }
            return List.copyOf(out);
        }

        private <T> Set<T> set(String key, Function<JsonNode, T> element) throws PolicyException {
            List<T> items = list(key, element);
            return items == null ? null : Set.copyOf(items);
        }

        private Glob action(JsonNode item) {
            String text = string(item);
            if (!ACTION.matcher(text).matches()) {
                throw new IllegalArgumentException("\"" + text + "\" is not an action glob (a-z, 0-9, '.', '_', '-',"
                        + " '*' and '?')");
            }
            return new Glob(text);
        }

        private Risk risk(JsonNode item) {
            return riskNamed(string(item));
        }

        private static Risk riskNamed(String text) {
            for (Risk risk : Risk.values()) {
                if (risk.wireName().equals(text)) {
                    return risk;
                }
            }
            throw new IllegalArgumentException("\"" + text + "\" is not a risk (read, write, destructive, system)");
        }

        private String plain(JsonNode item) {
            String text = string(item);
            if (text.isEmpty() || Glob.hasWildcard(text)) {
                throw new IllegalArgumentException("names are matched exactly; \"" + text + "\" is not a name");
            }
            return text;
        }

        private UidRange uids(JsonNode item) {
            if (item.isIntegralNumber()) {
                return UidRange.parse(item.asText());
            }
            return UidRange.parse(string(item));
        }

        private PathPattern path(JsonNode item) {
            String text = string(item);
            if (!text.startsWith("/") && !text.startsWith("~")) {
                throw new IllegalArgumentException("\"" + text + "\" must be absolute or start with ~");
            }
            return PathPattern.compile(text);
        }

        private static String string(JsonNode item) {
            if (!item.isTextual()) {
                throw new IllegalArgumentException("expected strings, found " + describe(item));
            }
            return item.textValue();
        }

        private List<ParamMatcher> params() throws PolicyException {
            JsonNode value = node.get("params");
            if (value == null) {
                return null;
            }
            if (!value.isObject() || value.isEmpty()) {
                throw keyError("params", "must be a non-empty table of param name to value(s), not " + describe(value));
            }
            List<ParamMatcher> out = new ArrayList<>();
            for (Map.Entry<String, JsonNode> param : value.properties()) {
                List<JsonNode> items = elements(param.getValue());
                List<Glob> globs = new ArrayList<>();
                List<JsonNode> values = new ArrayList<>();
                for (JsonNode item : items) {
                    if (item.isTextual()) {
                        globs.add(new Glob(item.textValue()));
                    } else if (item.isNumber() || item.isBoolean()) {
                        values.add(item);
                    } else {
                        throw keyError("params", "param '" + param.getKey()
                                + "' must be a string, number or boolean, or an array of them, not " + describe(item));
                    }
                }
                if (items.isEmpty()) {
                    throw keyError("params", "param '" + param.getKey() + "' has an empty array, which never matches");
                }
                out.add(new ParamMatcher(param.getKey(), globs, values));
            }
            return List.copyOf(out);
        }

        private void checkExamples(Rule rule, String kind, boolean shouldMatch) throws PolicyException {
            JsonNode examples = node.get(kind);
            if (examples == null) {
                return;
            }
            if (!examples.isArray()) {
                throw keyError(kind, "must be an array of tables ([[rule." + kind + "]])");
            }
            for (int i = 0; i < examples.size(); i++) {
                PolicyInput input = new ExampleReader(kind, i, examples.get(i)).read();
                String mismatch = rule.mismatch(new Facts(input));
                if (shouldMatch && mismatch != null) {
                    throw error(locator.example(index, kind, i), kind + " example #" + (i + 1)
                            + " does not match the rule: its '" + mismatch + "' does not hold");
                }
                if (!shouldMatch && mismatch == null) {
                    throw error(locator.example(index, kind, i), kind + " example #" + (i + 1) + " matches the rule");
                }
            }
        }

        /** reads one example into the input it describes. */
        private final class ExampleReader {
            private final String kind;
            private final int example;
            private final JsonNode node;

            ExampleReader(String kind, int example, JsonNode node) {
                this.kind = kind;
                this.example = example;
                this.node = node;
            }

            PolicyInput read() throws PolicyException {
                if (!node.isObject()) {
                    throw error(locator.example(index, kind, example), kind + " example #" + (example + 1)
                            + " must be a table");
                }
                for (String key : names(node)) {
                    if (!EXAMPLE_KEYS.contains(key)) {
                        throw fail(key, "unknown key '" + key + "' (known keys: " + String.join(", ", EXAMPLE_KEYS) + ")");
                    }
                }
                String action = field("action", null);
                if (action == null) {
                    throw fail("action", "missing required key 'action'");
                }
                String riskText = field("risk", Risk.READ.wireName());
                Risk risk;
                try {
                    risk = riskNamed(riskText);
                } catch (IllegalArgumentException e) {
                    throw fail("risk", e.getMessage());
                }
                String user = field("user", "user");
                int uid = uid(user);
                String homeText = field("home", uid == 0 ? "/root" : "/home/" + user);
                Set<String> groups = new LinkedHashSet<>();
                JsonNode groupsNode = node.path("groups");
                if (!groupsNode.isMissingNode() && !groupsNode.isArray()) {
                    throw fail("groups", "must be an array of group names");
                }
                for (JsonNode group : groupsNode) {
                    groups.add(group.asText());
                }
                JsonNode params = node.path("params");
                if (!params.isMissingNode() && !params.isObject()) {
                    throw fail("params", "must be a table of param values");
                }
                return new PolicyInput(new Caller(uid, uid, 0, user, List.of()), groups, resolved("home", homeText),
                        action, risk, params.isMissingNode() ? null : params, paths());
            }

            private String field(String key, String fallback) throws PolicyException {
                JsonNode value = node.get(key);
                if (value == null) {
                    return fallback;
                }
                if (!value.isTextual()) {
                    throw fail(key, "must be a string, not " + describe(value));
                }
                return value.textValue();
            }

            private int uid(String user) throws PolicyException {
                JsonNode value = node.get("uid");
                if (value == null) {
                    return user.equals("root") ? 0 : 1000;
                }
                if (!value.canConvertToInt() || value.intValue() < 0) {
                    throw fail("uid", "must be a non-negative integer, not " + describe(value));
                }
                return value.intValue();
            }

            private Map<String, List<Path>> paths() throws PolicyException {
                JsonNode value = node.path("paths");
                Map<String, List<Path>> out = new LinkedHashMap<>();
                if (value.isMissingNode()) {
                    return out;
                }
                if (!value.isObject()) {
                    throw fail("paths", "must be a table of path param name to path(s)");
                }
                for (Map.Entry<String, JsonNode> param : value.properties()) {
                    List<Path> list = new ArrayList<>();
                    for (JsonNode item : elements(param.getValue())) {
                        list.add(resolved("paths", item.asText()));
                    }
                    out.put(param.getKey(), list);
                }
                return out;
            }

            private Path resolved(String key, String text) throws PolicyException {
                try {
                    return LexicalPaths.check(text);
                } catch (InvalidPathException e) {
                    throw fail(key, e.getReason() + ": " + text);
                }
            }

            private PolicyException fail(String key, String message) {
                return error(locator.exampleKey(index, kind, example, key), kind + " example #" + (example + 1)
                        + ": key '" + key + "': " + message);
            }
        }

        private PolicyException keyError(String key, String message) {
            return error(locator.ruleKey(index, key), "key '" + key + "': " + message);
        }

        private PolicyException error(int line, String message) {
            return new PolicyException(source.name(), line, name + ": " + message);
        }
    }

    private static List<String> names(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    /** the elements of an array, or the value itself as the only element. */
    private static List<JsonNode> elements(JsonNode value) {
        List<JsonNode> out = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(out::add);
        } else {
            out.add(value);
        }
        return out;
    }

    private static String describe(JsonNode value) {
        if (value.isContainerNode()) {
            String kind = value.isArray() ? "array" : "table";
            return value.isEmpty() ? "an empty " + kind : value.isArray() ? "an array" : "a table";
        }
        return value.getNodeType().name().toLowerCase(Locale.ROOT) + " " + value;
    }
}
