package dev.llmos.openai;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Pattern;

/**
 * the {@code response_format} that asks for json valid against a schema (structured outputs).
 *
 * @param name a short name for the schema, letters, digits, {@code _} and {@code -}
 * @param schema the json schema
 * @param strict whether the backend must follow the schema exactly
 */
public record JsonSchemaFormat(String name, JsonNode schema, boolean strict) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public JsonSchemaFormat {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a schema name is 1 to 64 of [A-Za-z0-9_-], not " + name);
        }
        if (schema == null || !schema.isObject()) {
            throw new IllegalArgumentException("a json schema is a json object");
        }
        schema = schema.deepCopy();
    }

    @Override
    public JsonNode schema() {
        return schema.deepCopy();
    }
}
