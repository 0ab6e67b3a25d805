package dev.llmos.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.catalog.CatalogEntry;
import dev.llmos.protocol.Json;
import dev.llmos.support.Sha256;

/**
 * keeps audit records small and free of bulk content: a long string (file content) is recorded as
 * its length and sha-256, so the record still proves what was sent; a sensitive param (typed
 * text, a clipboard's content) only as its length, since a digest of a short secret can be
 * guessed.
 */
final class AuditEntries {
    /** strings longer than this are digested. */
    static final int MAX_STRING = 256;

    private AuditEntries() {
    }

    /** the params of {@code bound} as recorded and previewed. */
    static JsonNode params(CatalogEntry.Bound bound) {
        JsonNode params = redact(bound.normalized());
        if (params instanceof ObjectNode object) {
            for (String name : bound.entry().sensitiveParams()) {
                JsonNode value = bound.normalized().get(name);
                if (value != null && !value.isNull()) {
                    object.set(name, Json.MAPPER.createObjectNode().put("redacted", true)
                            .put("length", value.isTextual() ? value.asText().length() : value.toString().length()));
                }
            }
        }
        return params;
    }

    static JsonNode redact(JsonNode value) {
        if (value == null) {
            return null;
        }
        if (value.isTextual() && value.asText().length() > MAX_STRING) {
            return Json.MAPPER.createObjectNode().put("length", value.asText().length()).put("sha256", Sha256.hex(value.asText()));
        }
        if (value instanceof ObjectNode object) {
            ObjectNode copy = Json.MAPPER.createObjectNode();
            object.properties().forEach(e -> copy.set(e.getKey(), redact(e.getValue())));
            return copy;
        }
        if (value instanceof ArrayNode array) {
            ArrayNode copy = Json.MAPPER.createArrayNode();
            array.forEach(e -> copy.add(redact(e)));
            return copy;
        }
        return value;
    }
}
