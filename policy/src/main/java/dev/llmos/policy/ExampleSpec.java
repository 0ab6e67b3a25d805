package dev.llmos.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.action.Caller;
import dev.llmos.action.Risk;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * one {@code [[rule.match]]} or {@code [[rule.not_match]]} table: a request the rule must (or must
 * not) match, checked when the policy loads. bound like {@link RuleSpec}.
 *
 * @param action the action name
 * @param risk the action's risk
 * @param user the caller's user name
 * @param uid the caller's uid; default 0 for root, else 1000
 * @param groups the caller's group names
 * @param home the caller's home; default {@code /root} for root, else {@code /home/USER}
 * @param params the request's params
 * @param paths path param name to its resolved path or paths
 */
record ExampleSpec(
        @NotNull String action,
        @JsonProperty(defaultValue = "read") Risk risk,
        @JsonProperty(defaultValue = "user") String user,
        @Min(0) @Max(Integer.MAX_VALUE) Long uid,
        List<String> groups,
        String home,
        ObjectNode params,
        ObjectNode paths) {

    /** the request the example describes; a bad path throws {@link RuleSpec.InvalidKey} naming its key. */
    PolicyInput input() {
        int callerUid = uid != null ? uid.intValue() : user.equals("root") ? 0 : 1000;
        Path resolvedHome = resolved("home", home != null ? home : callerUid == 0 ? "/root" : "/home/" + user);
        return new PolicyInput(new Caller(callerUid, callerUid, 0, user, List.of()),
                new LinkedHashSet<>(groups == null ? List.of() : groups), resolvedHome, action, risk, params,
                resolvedPaths());
    }

    private Map<String, List<Path>> resolvedPaths() {
        Map<String, List<Path>> out = new LinkedHashMap<>();
        if (paths == null) {
            return out;
        }
        for (Map.Entry<String, JsonNode> param : paths.properties()) {
            String at = "paths/" + param.getKey();
            List<Path> list = new ArrayList<>();
            JsonNode value = param.getValue();
            for (JsonNode item : value.isArray() ? value : List.of(value)) {
                if (!item.isTextual()) {
                    throw new RuleSpec.InvalidKey(at, "must be a path or an array of paths");
                }
                list.add(resolved(at, item.textValue()));
            }
            out.put(param.getKey(), list);
        }
        return out;
    }

    private static Path resolved(String key, String text) {
        try {
            return LexicalPaths.check(text);
        } catch (InvalidPathException e) {
            throw new RuleSpec.InvalidKey(key, e.getReason() + ": " + text);
        }
    }
}
