package dev.llmos.mcp;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.protocol.Json;
import dev.llmos.protocol.StepStatus;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * an entry of the daemon's {@code actions.list} as an mcp tool: the params schema is the input
 * schema as it is (strict: closed objects, bounds, defaults) with its dialect named, the output
 * schema is the daemon's action result, and the annotations follow from the action's risk.
 */
final class ActionTools {
    /** the dialect the catalog's schemas are written in (victools, draft 2020-12). */
    static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";
    private static final int EXAMPLES = 3;
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private ActionTools() {
    }

    static McpSchema.Tool tool(JsonNode entry) {
        String action = entry.path("name").asText();
        String risk = entry.path("risk").asText();
        return McpSchema.Tool.builder()
                .name(ToolNames.toolName(action))
                .title(action)
                .description(description(entry, risk))
                .inputSchema(inputSchema(entry.path("params_schema")))
                .outputSchema(OUTPUT_SCHEMA)
                .annotations(annotations(action, risk))
                .build();
    }

    private static String description(JsonNode entry, String risk) {
        StringBuilder text = new StringBuilder(entry.path("description").asText());
        text.append("\nllm-os action ").append(entry.path("name").asText()).append(", risk ").append(risk);
        text.append(risk.equals("read") ? "." : "; policy may ask a person to confirm before it runs.");
        List<String> examples = new ArrayList<>();
        for (JsonNode example : entry.path("examples")) {
            if (examples.size() < EXAMPLES) {
                examples.add("\"" + example.asText() + "\"");
            }
        }
        if (!examples.isEmpty()) {
            text.append("\nfor requests like ").append(String.join(", ", examples)).append('.');
        }
        return text.toString();
    }

    /** the params schema with {@code $schema} first; nothing else changes, so nothing is loosened. */
    static Map<String, Object> inputSchema(JsonNode paramsSchema) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("$schema", DIALECT);
        schema.putAll(Json.MAPPER.convertValue(paramsSchema, MAP));
        return schema;
    }

    /**
     * {@code readOnly} for reads; destructive for destructive and system actions (the latter change the
     * machine for everyone); idempotent only for reads (a write run twice may differ, e.g. append);
     * open world for system actions, whose effects reach beyond the caller's own data (packages
     * come from the network, services serve others).
     */
    static McpSchema.ToolAnnotations annotations(String action, String risk) {
        return switch (risk) {
            case "read" -> new McpSchema.ToolAnnotations(action, true, false, true, false, null);
            case "write" -> new McpSchema.ToolAnnotations(action, false, false, false, false, null);
            case "destructive" -> new McpSchema.ToolAnnotations(action, false, true, false, false, null);
            case "system" -> new McpSchema.ToolAnnotations(action, false, true, false, true, null);
            default -> throw new IllegalArgumentException("unknown risk '" + risk + "' of " + action);
        };
    }

    /** the daemon's {@code ActionResult} (docs/protocol.md), what every tool returns as structured content. */
    static final Map<String, Object> OUTPUT_SCHEMA = outputSchema();

    private static Map<String, Object> outputSchema() {
        ObjectNode schema = Json.MAPPER.createObjectNode().put("$schema", DIALECT).put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        properties.putObject("txid").put("type", "string").put("description", "the audit record and undo handle of this run");
        properties.putObject("action").put("type", "string");
        properties.putObject("status").put("type", "string").putArray("enum").add(StepStatus.OK.wireName())
                .add(StepStatus.DRY_RUN.wireName());
        properties.putObject("output").put("description", "what the action returned");
        ObjectNode undo = properties.putObject("undo").put("type", "object");
        undo.putObject("properties").putObject("available").put("type", "boolean");
        undo.putArray("required").add("available");
        schema.putArray("required").add("txid").add("action").add("status").add("output").add("undo");
        return Map.copyOf(Json.MAPPER.convertValue(schema, MAP));
    }
}
