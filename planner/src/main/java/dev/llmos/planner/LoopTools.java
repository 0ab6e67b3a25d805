package dev.llmos.planner;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.catalog.ActionCatalog;
import dev.llmos.catalog.CatalogEntry;
import dev.llmos.openai.ToolSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * the catalog as functions a model may call: one per action, named by {@link ToolNames}, described by
 * the action's one line, with its own params schema (bounded, closed, capped by the backend's
 * decoding bounds) as parameters. {@code strict} is set only for schemas that openai's strict mode
 * accepts (every property required, every object closed); llm-modeld constrains decoding by the schema
 * either way, and the daemon validates every call against the catalog whatever the backend did.
 */
final class LoopTools {
    private LoopTools() {
    }

    static List<ToolSpec> of(ActionCatalog catalog, Decoding bounds) {
        List<ToolSpec> tools = new ArrayList<>();
        for (CatalogEntry entry : catalog.entries()) {
            JsonNode params = PlanSchema.params(entry, bounds);
            tools.add(new ToolSpec(ToolNames.tool(entry.name()), entry.action().description(), params, strictable(params)));
        }
        return List.copyOf(tools);
    }

    /** whether every object in {@code schema} is closed and requires all its properties. */
    static boolean strictable(JsonNode schema) {
        if (schema.isArray()) {
            for (JsonNode item : schema) {
                if (!strictable(item)) {
                    return false;
                }
            }
            return true;
        }
        if (!schema.isObject()) {
            return true;
        }
        JsonNode properties = schema.get("properties");
        if (properties != null && properties.isObject()) {
            if (!schema.path("additionalProperties").isBoolean() || schema.path("additionalProperties").asBoolean()) {
                return false;
            }
            for (var property : properties.properties()) {
                boolean required = false;
                for (JsonNode each : schema.path("required")) {
                    required |= each.asText().equals(property.getKey());
                }
                if (!required) {
                    return false;
                }
            }
        }
        for (JsonNode child : schema) {
            if (!strictable(child)) {
                return false;
            }
        }
        return true;
    }
}
