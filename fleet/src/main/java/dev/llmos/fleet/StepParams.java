package dev.llmos.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * the params of one plan step, read strictly: each by name with its type and default, and at the
 * end every param nobody read is refused, so a param the mapping does not carry over can never be
 * dropped without a word.
 */
final class StepParams {
    private final JsonNode params;
    private final Set<String> read = new HashSet<>();

    StepParams(JsonNode params) {
        this.params = params;
    }

    private JsonNode get(String name) {
        read.add(name);
        JsonNode value = params.get(name);
        return value == null || value.isNull() ? null : value;
    }

    /** a required string. */
    String string(String name) throws Refused {
        String value = optionalString(name);
        if (value == null) {
            throw new Refused("param " + name + " is missing");
        }
        return value;
    }

    /** a string, or null when absent. */
    String optionalString(String name) throws Refused {
        JsonNode value = get(name);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            throw new Refused("param " + name + " is not a string");
        }
        return value.textValue();
    }

    /** an absolute path, with no {@code .} or {@code ..} segment (ansible would expand ~ and follow ..). */
    String path(String name) throws Refused {
        String path = string(name);
        if (!Paths.plain(path)) {
            throw new Refused("param " + name + " is not a plain absolute path (" + path + "): llm-os refuses ~, "
                    + "relative paths and . or .. segments, which ansible would take");
        }
        return path;
    }

    boolean bool(String name, boolean fallback) throws Refused {
        JsonNode value = get(name);
        if (value == null) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw new Refused("param " + name + " is not true or false");
        }
        return value.booleanValue();
    }

    /** a whole number, or null when absent. */
    Long optionalLong(String name) throws Refused {
        JsonNode value = get(name);
        if (value == null) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new Refused("param " + name + " is not a whole number");
        }
        return value.longValue();
    }

    /** a list of strings, or null when absent. */
    List<String> strings(String name) throws Refused {
        JsonNode value = get(name);
        if (value == null) {
            return null;
        }
        if (!value.isArray()) {
            throw new Refused("param " + name + " is not a list");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode element : value) {
            if (!element.isTextual()) {
                throw new Refused("param " + name + " holds something that is not a string");
            }
            out.add(element.textValue());
        }
        return out;
    }

    /** a map of strings, or null when absent. */
    Map<String, String> stringMap(String name) throws Refused {
        JsonNode value = get(name);
        if (value == null) {
            return null;
        }
        if (!value.isObject()) {
            throw new Refused("param " + name + " is not an object");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            if (!entry.getValue().isTextual()) {
                throw new Refused("param " + name + "." + entry.getKey() + " is not a string");
            }
            out.put(entry.getKey(), entry.getValue().textValue());
        }
        return out;
    }

    /** refuses the step when {@code name} is given: what it asks has no counterpart in ansible. */
    void absent(String name, String why) throws Refused {
        if (get(name) != null) {
            throw new Refused("param " + name + " " + why);
        }
    }

    /** a param that changes nothing on the host (how much output llm-os keeps): accepted and not carried over. */
    void ignore(String name) {
        read.add(name);
    }

    /** refuses every param no mapping read. */
    void done() throws Refused {
        List<String> unknown = new ArrayList<>();
        params.fieldNames().forEachRemaining(name -> {
            if (!read.contains(name)) {
                unknown.add(name);
            }
        });
        if (!unknown.isEmpty()) {
            throw new Refused("unknown param" + (unknown.size() == 1 ? " " : "s ") + String.join(", ", unknown));
        }
    }
}
