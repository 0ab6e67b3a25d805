package dev.llmos.shell;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;

/**
 * turns {@code key=value} words into action params, typed by the action's schema: numbers,
 * booleans, comma-separated arrays, json objects. a key the schema does not know is passed as a
 * string so the daemon, the one judge of params, rejects it with its pointer.
 */
final class ParamParser {
    private ParamParser() {
    }

    static ObjectNode parse(List<String> words, JsonNode schema, ObjectNode base) throws CliException {
        ObjectNode params = base == null ? JsonCodec.object() : base.deepCopy();
        for (String word : words) {
            int eq = word.indexOf('=');
            if (eq <= 0) {
                throw new CliException(ExitCodes.USAGE, "expected key=value, got '" + word + "'");
            }
            String key = word.substring(0, eq);
            String text = word.substring(eq + 1);
            params.set(key, typed(key, text, schema.path("properties").path(key)));
        }
        return params;
    }

    /** {@code --params JSON} as an object, or null when not given. */
    static ObjectNode object(String json) throws CliException {
        if (json == null) {
            return null;
        }
        try {
            JsonNode parsed = JsonCodec.parse(json);
            if (!parsed.isObject()) {
                throw new CliException(ExitCodes.USAGE, "--params must be a json object");
            }
            return (ObjectNode) parsed;
        } catch (JsonCodec.JsonException e) {
            throw new CliException(ExitCodes.USAGE, "--params: " + e.getMessage());
        }
    }

    private static JsonNode typed(String key, String text, JsonNode property) throws CliException {
        String type = property.path("type").asText("string");
        JsonNodeFactory nodes = JsonCodec.NODES;
        try {
            return switch (type) {
                case "integer" -> nodes.numberNode(Long.parseLong(text.trim()));
                case "number" -> number(text);
                case "boolean" -> nodes.booleanNode(bool(key, text));
                case "array" -> {
                    ArrayNode array = nodes.arrayNode();
                    if (!text.isEmpty()) {
                        for (String part : text.split(",", -1)) {
                            array.add(typed(key, part, property.path("items")));
                        }
                    }
                    yield array;
                }
                case "object" -> {
                    JsonNode parsed = JsonCodec.parse(text);
                    if (!parsed.isObject()) {
                        throw new CliException(ExitCodes.USAGE, key + ": expected a json object");
                    }
                    yield parsed;
                }
                default -> nodes.textNode(text);
            };
        } catch (NumberFormatException e) {
            throw new CliException(ExitCodes.USAGE, key + ": expected " + (type.equals("integer") ? "an integer" : "a number")
                    + ", got '" + text + "'");
        } catch (JsonCodec.JsonException e) {
            throw new CliException(ExitCodes.USAGE, key + ": " + e.getMessage());
        }
    }

    /** a json number, as json spells them (no {@code NaN}, no hex, no trailing letters). */
    private static JsonNode number(String text) throws JsonCodec.JsonException {
        JsonNode node = JsonCodec.parse(text.trim());
        if (!node.isNumber()) {
            throw new NumberFormatException(text);
        }
        return node;
    }

    private static boolean bool(String key, String text) throws CliException {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "y", "1", "on" -> true;
            case "false", "no", "n", "0", "off" -> false;
            default -> throw new CliException(ExitCodes.USAGE, key + ": expected true or false, got '" + text + "'");
        };
    }
}
