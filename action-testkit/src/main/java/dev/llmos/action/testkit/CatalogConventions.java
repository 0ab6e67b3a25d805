package dev.llmos.action.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.catalog.ActionCatalog;
import dev.llmos.catalog.CatalogEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * what every action family owes the catalog, checked the same way for each: a one-line
 * description, at least {@link #MIN_EXAMPLES} example utterances that no other action shares, and
 * a params schema that is closed, documented and bounded all the way down (strings, arrays,
 * nested objects), so that validation is strict and constrained decoding always terminates.
 */
public final class CatalogConventions {
    /** the fewest examples an action may have: they are what the intent router learns from. */
    public static final int MIN_EXAMPLES = 5;

    private CatalogConventions() {
    }

    /** fails with every violation in {@code catalog}, one per line. */
    public static void check(ActionCatalog catalog) {
        List<String> problems = new ArrayList<>();
        Map<String, String> owner = new HashMap<>();
        for (CatalogEntry entry : catalog.entries()) {
            String name = entry.name();
            String description = entry.action().description();
            if (description.isBlank() || description.contains("\n")) {
                problems.add(name + ": the description must be one non-blank line");
            }
            List<String> examples = entry.action().examples();
            if (examples.size() < MIN_EXAMPLES) {
                problems.add(name + ": " + examples.size() + " examples, at least " + MIN_EXAMPLES + " needed");
            }
            for (String example : examples) {
                String previous = owner.put(example.toLowerCase(Locale.ROOT).strip(), name);
                if (previous != null && !previous.equals(name)) {
                    problems.add("'" + example + "' is an example of both " + previous + " and " + name);
                }
            }
            checkObject(name, entry.schema(), problems);
        }
        if (!problems.isEmpty()) {
            throw new AssertionError("catalog conventions broken:\n  " + String.join("\n  ", problems));
        }
    }

    private static void checkObject(String where, JsonNode schema, List<String> problems) {
        if (!"object".equals(schema.path("type").asText())) {
            problems.add(where + ": params must be an object");
        }
        if (schema.path("additionalProperties").asBoolean(true)) {
            problems.add(where + ": must be closed (additionalProperties false)");
        }
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            String at = where + "." + property.getKey();
            if (property.getValue().path("description").asText().isBlank()) {
                problems.add(at + ": undocumented");
            }
            checkValue(at, property.getValue(), problems);
        }
    }

    private static void checkValue(String at, JsonNode value, List<String> problems) {
        switch (value.path("type").asText()) {
            case "string" -> {
                if (!value.has("maxLength") && !value.has("enum")) {
                    problems.add(at + ": an unbounded string");
                }
            }
            case "array" -> {
                if (!value.has("maxItems")) {
                    problems.add(at + ": an unbounded array");
                }
                checkValue(at + "[]", value.path("items"), problems);
            }
            case "object" -> {
                if (value.has("properties")) {
                    checkObject(at, value, problems);
                }
            }
            default -> {
            }
        }
    }
}
