package dev.llmos.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.action.Risk;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * one {@code [[rule]]} table as written, bound by the catalog's {@link dev.llmos.catalog.RecordBinder}
 * like action params: unknown keys, wrong types and empty lists are refused with the key's json
 * pointer before anything else runs. a component left null is a key the rule does not give; the
 * accessors below say so with {@link Optional}. what a schema cannot say (glob and path syntax,
 * uid ranges, capability names, keys that only go together) is checked by {@link #matchers(boolean)} and
 * {@link #elevation()}, each refusal naming its key ({@link InvalidKey}).
 *
 * <p>adding a rule kind: a record in {@link Matcher} (with its case in the switches over the sealed
 * set, which the compiler asks for), a component here and its line in {@link #matchers(boolean)}.
 *
 * @param id unique across all policy files
 * @param decision what the rule says; required unless {@code run_as} is given (then ask)
 * @param reason why, for people
 * @param runAs the elevation the rule grants
 * @param capabilities what a program started as root keeps; only with {@code run_as}
 * @param actions action name globs
 * @param risk the action's risk, one of
 * @param users the caller's user name, one of
 * @param uids the caller's uid, in one of these ranges (numbers or strings such as {@code "1000-60000"})
 * @param groups the caller's groups, one of
 * @param params param name to value or values, each must match
 * @param paths path patterns of the action's resolved path params
 * @param match examples the rule must match, checked at load
 * @param notMatch examples the rule must not match, checked at load
 */
record RuleSpec(
        @NotNull String id,
        Decision decision,
        @NotNull String reason,
        RunAs runAs,
        @Size(min = 1) List<String> capabilities,
        @NotNull @Size(min = 1) List<String> actions,
        @Size(min = 1) List<Risk> risk,
        @Size(min = 1) List<String> users,
        @Size(min = 1) List<JsonNode> uids,
        @Size(min = 1) List<String> groups,
        ObjectNode params,
        @Size(min = 1) List<String> paths,
        List<ObjectNode> match,
        List<ObjectNode> notMatch) {
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern ACTION = Pattern.compile("[a-z0-9_.*?-]+");

    /** the one elevation a rule can grant. */
    enum RunAs implements dev.llmos.support.WireEnum {
        ROOT
    }

    /** a value the schema let through that the named key cannot hold. */
    static final class InvalidKey extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        /** the key's path below the rule, {@code key} or {@code key/index}. */
        final String path;

        InvalidKey(String path, String message) {
            super(message);
            this.path = path;
        }
    }

    /** the id, checked. */
    String checkedId() {
        if (!ID.matcher(id).matches() || id.startsWith("builtin.")) {
            throw new InvalidKey("id", "must be 1-64 of a-z, 0-9, '.', '_', '-', start with a letter or digit and not"
                    + " start with 'builtin.', not \"" + id + "\"");
        }
        return id;
    }

    /** the decision: as given, or ask for a rule that only elevates. */
    Decision checkedDecision() {
        if (decision == null && runAs == null) {
            throw new InvalidKey("", "missing required field /decision (only a rule with run_as may leave it out)");
        }
        return decision == null ? Decision.ASK : decision;
    }

    /** the reason, checked. */
    String checkedReason() {
        if (reason.isBlank()) {
            throw new InvalidKey("reason", "must say why, for the people who will read it");
        }
        return reason;
    }

    /** the elevation, with the capabilities a program started as root keeps (empty without run_as). */
    Optional<Set<String>> elevation() {
        if (runAs == null) {
            if (capabilities != null) {
                throw new InvalidKey("capabilities", "capabilities are granted to a run as root; add run_as = \"root\"");
            }
            return Optional.empty();
        }
        return Optional.of(Set.copyOf(each("capabilities", Optional.ofNullable(capabilities).orElse(List.of()),
                Capabilities::named)));
    }

    /** the action globs, checked. */
    Matcher.Actions actionMatcher() {
        return new Matcher.Actions(each("actions", actions, RuleSpec::action));
    }

    /**
     * one matcher per optional key the rule gives, in key order.
     *
     * @param grants whether the rule grants (allow, or run_as): its paths must then cover every path
     */
    List<Matcher> matchers(boolean grants) {
        List<Matcher> out = new ArrayList<>();
        Optional.ofNullable(risk).ifPresent(given -> out.add(new Matcher.Risks(Set.copyOf(EnumSet.copyOf(given)))));
        Optional.ofNullable(users).ifPresent(given -> out.add(new Matcher.Users(names("users", given))));
        Optional.ofNullable(uids).ifPresent(given -> out.add(new Matcher.Uids(each("uids", given, RuleSpec::uids))));
        Optional.ofNullable(groups).ifPresent(given -> out.add(new Matcher.Groups(names("groups", given))));
        Optional.ofNullable(params).ifPresent(given -> out.add(new Matcher.Params(params(given))));
        Optional.ofNullable(paths).ifPresent(given -> out.add(new Matcher.Paths(each("paths", given,
                RuleSpec::path), grants)));
        return List.copyOf(out);
    }

    /** {@code convert} applied to each element; a refusal names the element. */
    private static <T, R> List<R> each(String key, List<T> items, Function<T, R> convert) {
        List<R> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            try {
                out.add(convert.apply(items.get(i)));
            } catch (IllegalArgumentException e) {
                throw new InvalidKey(key + "/" + i, e.getMessage());
            }
        }
        return List.copyOf(out);
    }

    private static Set<String> names(String key, List<String> given) {
        return Set.copyOf(each(key, given, text -> {
            if (text.isEmpty() || Glob.hasWildcard(text)) {
                throw new IllegalArgumentException("names are matched exactly; \"" + text + "\" is not a name");
            }
            return text;
        }));
    }

    private static Glob action(String text) {
        if (!ACTION.matcher(text).matches()) {
            throw new IllegalArgumentException("\"" + text + "\" is not an action glob (a-z, 0-9, '.', '_', '-',"
                    + " '*' and '?')");
        }
        return new Glob(text);
    }

    private static UidRange uids(JsonNode item) {
        if (item.isIntegralNumber()) {
            return UidRange.parse(item.asText());
        }
        if (!item.isTextual()) {
            throw new IllegalArgumentException("expected a uid or a range such as \"1000-60000\", not " + item);
        }
        return UidRange.parse(item.textValue());
    }

    private static PathPattern path(String text) {
        if (!text.startsWith("/") && !text.startsWith("~")) {
            throw new IllegalArgumentException("\"" + text + "\" must be absolute or start with ~");
        }
        return PathPattern.compile(text);
    }

    /** each param's alternatives: strings are globs, numbers and booleans exact values. */
    private static List<ParamMatcher> params(ObjectNode given) {
        if (given.isEmpty()) {
            throw new InvalidKey("params", "must be a non-empty table of param name to value(s), not an empty table");
        }
        List<ParamMatcher> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> param : given.properties()) {
            String at = "params/" + param.getKey();
            JsonNode value = param.getValue();
            List<JsonNode> items = new ArrayList<>();
            if (value.isArray()) {
                value.forEach(items::add);
            } else {
                items.add(value);
            }
            if (items.isEmpty()) {
                throw new InvalidKey(at, "param '" + param.getKey() + "' has an empty array, which never matches");
            }
            List<Glob> globs = new ArrayList<>();
            List<JsonNode> values = new ArrayList<>();
            for (JsonNode item : items) {
                if (item.isTextual()) {
                    globs.add(new Glob(item.textValue()));
                } else if (item.isNumber() || item.isBoolean()) {
                    values.add(item);
                } else {
                    throw new InvalidKey(at, "param '" + param.getKey()
                            + "' must be a string, number or boolean, or an array of them, not a "
                            + (item.isArray() ? "nested array" : "table"));
                }
            }
            out.add(new ParamMatcher(param.getKey(), globs, values));
        }
        return List.copyOf(out);
    }
}
