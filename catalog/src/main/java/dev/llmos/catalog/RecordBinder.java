package dev.llmos.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.llmos.protocol.Json;
import dev.llmos.protocol.RpcException;
import jakarta.validation.constraints.Pattern;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * validates json against the strict schema of a record type, fills defaults and binds the record.
 * the one path by which untrusted params (action params and method params alike) become values.
 *
 * @param <R> the record type
 */
public final class RecordBinder<R extends Record> {
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .pathType(PathType.JSON_POINTER)
            .formatAssertionsEnabled(true)
            .build();

    private final Class<R> type;
    private final ObjectNode schema;
    private final JsonSchema validator;
    /** each string component's {@code @Pattern}, by wire name: jakarta means the whole value. */
    private final Map<String, java.util.regex.Pattern> wholePatterns = new LinkedHashMap<>();

    private RecordBinder(Class<R> type) {
        this.type = type;
        this.schema = ParamsSchemas.of(type);
        this.validator = FACTORY.getSchema(schema, CONFIG);
        for (var component : type.getRecordComponents()) {
            // jakarta's annotations do not target record components: they land on the accessor
            Pattern pattern = component.getAccessor().getAnnotation(Pattern.class);
            if (pattern != null && component.getType() == String.class) {
                wholePatterns.put(ParamsSchemas.wireName(component.getName()),
                        java.util.regex.Pattern.compile(pattern.regexp()));
            }
        }
    }

    public static <R extends Record> RecordBinder<R> of(Class<R> type) {
        return new RecordBinder<>(type);
    }

    /** the strict json schema of the record. */
    public ObjectNode schema() {
        return schema;
    }

    /**
     * params that passed validation.
     *
     * @param normalized the params with defaults filled in
     * @param value the bound record
     */
    public record Bound<R>(ObjectNode normalized, R value) {
    }

    /**
     * binds {@code params}; errors are -32602 naming the json pointer of the offending field under
     * {@code base} (e.g. {@code /params}), prefixed with {@code label} in the message.
     */
    public Bound<R> bind(JsonNode params, String base, String label) throws RpcException {
        if (params == null || !params.isObject()) {
            throw RpcException.invalidParams(base, label + ": params must be a json object");
        }
        List<ValidationMessage> errors = validator.validate(params).stream()
                .sorted(Comparator.comparing((ValidationMessage m) -> pointer(base, m)))
                .toList();
        if (!errors.isEmpty()) {
            ValidationMessage first = errors.getFirst();
            String pointer = pointer(base, first);
            throw RpcException.invalidParams(pointer, label + ": " + describe(pointer, first));
        }
        // json schema patterns search, and java's $ also matches before a final newline: a value must
        // match its pattern as a whole, as jakarta's `@Pattern` says ("name\n" is not a name)
        for (Map.Entry<String, java.util.regex.Pattern> pattern : wholePatterns.entrySet()) {
            JsonNode value = params.get(pattern.getKey());
            if (value != null && value.isTextual() && !pattern.getValue().matcher(value.asText()).matches()) {
                throw RpcException.invalidParams(base + "/" + pattern.getKey(), label + ": " + pattern.getKey()
                        + " does not match " + pattern.getValue().pattern());
            }
        }
        ObjectNode normalized = ((ObjectNode) params).deepCopy();
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            JsonNode fallback = property.getValue().get("default");
            if (fallback != null && !normalized.has(property.getKey())) {
                normalized.set(property.getKey(), fallback);
            }
        }
        try {
            return new Bound<>(normalized, Json.MAPPER.treeToValue(normalized, type));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            // the schema accepted it but the record refused it: a constraint the schema cannot say
            throw RpcException.invalidParams(base, label + ": " + rootMessage(e));
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

    private String describe(String pointer, ValidationMessage message) {
        return switch (message.getType()) {
            case "additionalProperties" -> "unknown field " + pointer + knownFields(message);
            case "required" -> "missing required field " + pointer;
            default -> "field " + pointer + ": " + stripLocation(message.getMessage());
        };
    }

    /** the fields the object's schema does know, as {@code " (known fields: a, b)"}, or nothing when it cannot tell. */
    private String knownFields(ValidationMessage message) {
        String location = message.getSchemaLocation().toString();
        int hash = location.indexOf('#');
        String fragment = hash < 0 ? "" : location.substring(hash + 1);
        if (!fragment.endsWith("/additionalProperties")) {
            return "";
        }
        JsonNode properties = schema.at(fragment.substring(0, fragment.length() - "/additionalProperties".length()))
                .path("properties");
        List<String> names = new ArrayList<>();
        properties.fieldNames().forEachRemaining(names::add);
        return names.isEmpty() ? "" : " (known fields: " + String.join(", ", names) + ")";
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
}
