package dev.llmos.shell;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.protocol.Json;
import dev.llmos.protocol.RpcException;
import java.nio.charset.StandardCharsets;
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
        ObjectNode params = base == null ? Json.MAPPER.createObjectNode() : base.deepCopy();
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

    private static JsonNode typed(String key, String text, JsonNode property) throws CliException {
        String type = property.path("type").asText("string");
        var nodes = Json.MAPPER.getNodeFactory();
        try {
            return switch (type) {
                case "integer" -> nodes.numberNode(Long.parseLong(text.trim()));
                case "number" -> nodes.numberNode(Double.parseDouble(text.trim()));
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
                    JsonNode parsed = Json.parse(text.getBytes(StandardCharsets.UTF_8));
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
        } catch (RpcException e) {
            throw new CliException(ExitCodes.USAGE, key + ": " + e.getMessage());
        }
    }

    private static boolean bool(String key, String text) throws CliException {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "y", "1", "on" -> true;
            case "false", "no", "n", "0", "off" -> false;
            default -> throw new CliException(ExitCodes.USAGE, key + ": expected true or false, got '" + text + "'");
        };
    }
}
