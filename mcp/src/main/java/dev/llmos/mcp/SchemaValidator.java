package dev.llmos.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaId;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.llmos.protocol.Json;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * the sdk's schema validation (structured output against a tool's output schema, on server and
 * client) with the project's networknt validator: the sdk's own is built on a networknt major
 * version that cannot share the class path with it. draft 2020-12, as the catalog's schemas.
 */
public final class SchemaValidator implements JsonSchemaValidator {
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final JsonSchema META_SCHEMA = FACTORY.getSchema(SchemaLocation.of(SchemaId.V202012));
    private final Map<Map<String, Object>, JsonSchema> compiled = new ConcurrentHashMap<>();

    /** a schema is a valid 2020-12 document (sep-1613); one that names another dialect is not checked. */
    @Override
    public ValidationResponse validateSchema(Map<String, Object> schema) {
        Object dialect = schema.get("$schema");
        if (dialect != null && !ActionTools.DIALECT.equals(dialect.toString())) {
            return ValidationResponse.asValid(null);
        }
        Set<ValidationMessage> errors = META_SCHEMA.validate(Json.MAPPER.valueToTree(schema));
        return errors.isEmpty() ? ValidationResponse.asValid(null)
                : ValidationResponse.asInvalid(errors.stream().map(ValidationMessage::getMessage).sorted()
                        .collect(Collectors.joining("; ")));
    }

    @Override
    public ValidationResponse validate(Map<String, Object> schema, Object structuredContent) {
        if (schema == null || structuredContent == null) {
            throw new IllegalArgumentException("a schema and structured content are required");
        }
        try {
            JsonNode content = structuredContent instanceof String text
                    ? Json.MAPPER.readTree(text) : Json.MAPPER.valueToTree(structuredContent);
            Set<ValidationMessage> errors = compiled.computeIfAbsent(schema,
                    key -> FACTORY.getSchema(Json.MAPPER.valueToTree(key))).validate(content);
            if (!errors.isEmpty()) {
                return ValidationResponse.asInvalid("structured content does not match the output schema: "
                        + errors.stream().map(ValidationMessage::getMessage).sorted().collect(Collectors.joining("; ")));
            }
            return ValidationResponse.asValid(Json.toString(content));
        } catch (com.fasterxml.jackson.core.JsonProcessingException | RuntimeException e) {
            return ValidationResponse.asInvalid("cannot validate structured content: " + e.getMessage());
        }
    }
}
