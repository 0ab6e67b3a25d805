package dev.llmos.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.ValidationMessage;
import dev.llmos.action.Action;
import dev.llmos.protocol.Json;
import dev.llmos.protocol.RpcException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * one action with its derived schema, ready to validate and bind params.
 *
 * @param action the plug-in
 * @param schema the strict params schema sent to clients and planners
 * @param pathParams wire names of the params that are filesystem paths
 */
public record CatalogEntry(Action<?> action, ObjectNode schema, List<String> pathParams, JsonSchema validator) {
    public CatalogEntry {
        pathParams = List.copyOf(pathParams);
    }

    public String name() {
        return action.name();
    }

    /**
     * validates {@code params} against the schema, fills defaults, and binds the record. errors
     * name the json pointer of the offending field under {@code base} (e.g. {@code /params}).
     */
    public Bound bind(JsonNode params, String base) throws RpcException {
        if (params == null || !params.isObject()) {
            throw RpcException.invalidParams(base, "params must be a json object");
        }
        List<ValidationMessage> errors = validator.validate(params).stream()
                .sorted(Comparator.comparing((ValidationMessage m) -> pointer(base, m)))
                .toList();
        if (!errors.isEmpty()) {
            ValidationMessage first = errors.getFirst();
            String pointer = pointer(base, first);
            throw RpcException.invalidParams(pointer, action.name() + ": " + describe(pointer, first));
        }
        ObjectNode normalized = ((ObjectNode) params).deepCopy();
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            JsonNode fallback = property.getValue().get("default");
            if (fallback != null && !normalized.has(property.getKey())) {
                normalized.set(property.getKey(), fallback);
            }
        }
        try {
            Record bound = Json.MAPPER.treeToValue(normalized, action.paramsType());
            return new Bound(this, normalized, bound);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            // the schema accepted it but the record refused it: a constraint the schema cannot say
            throw RpcException.invalidParams(base, action.name() + ": " + rootMessage(e));
        }
    }

    private static String pointer(String base, ValidationMessage message) {
        String location = message.getInstanceLocation().toString();
        location = location.equals("$") || location.equals("/") ? "" : location;
        String property = message.getProperty();
        boolean namesProperty = property != null
                && (message.getType().equals("additionalProperties") || message.getType().equals("required"));
        return base + location + (namesProperty ? "/" + property : "");
    }

    private static String describe(String pointer, ValidationMessage message) {
        return switch (message.getType()) {
            case "additionalProperties" -> "unknown field " + pointer;
            case "required" -> "missing required field " + pointer;
            default -> "field " + pointer + ": " + stripLocation(message.getMessage());
        };
    }

    private static String stripLocation(String message) {
        int colon = message.indexOf(": ");
        return colon >= 0 ? message.substring(colon + 2) : message;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    /**
     * params that passed validation.
     *
     * @param normalized the params with defaults filled in, as recorded and sent to executors
     * @param value the bound params record
     */
    public record Bound(CatalogEntry entry, ObjectNode normalized, Record value) {
    }
}
