package dev.llmos.modeld;

import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.llmos.protocol.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;

/** validates text against a schema with an independent validator (networknt). */
final class SchemaCheck {
    private SchemaCheck() {
    }

    /** the validation messages; empty when {@code json} is valid. parse failures throw. */
    static Set<ValidationMessage> errors(String schema, String json) {
        JsonSchema compiled = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema);
        try {
            return compiled.validate(Json.MAPPER.readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException("not json: " + json, e);
        }
    }
}
