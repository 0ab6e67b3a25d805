package dev.llmos.mcp;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.protocol.ErrorCodes;
import dev.llmos.protocol.Json;
import dev.llmos.protocol.RpcError;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;

/**
 * what a tool call returns to the model. a result is the daemon's {@code ActionResult}, as structured
 * content and as json text; a refusal or failure is a tool error ({@code isError}) whose text says what
 * happened and what a person can do. nothing from the daemon's error data is copied blindly: a
 * confirmation token never reaches the model side.
 */
final class ToolResults {
    /** the fields of the daemon's error data a model may see. */
    private static final List<String> VISIBLE_DATA = List.of("pointer", "reason", "txid", "exit_code", "stderr", "step");
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private ToolResults() {
    }

    static McpSchema.CallToolResult success(JsonNode actionResult) {
        return McpSchema.CallToolResult.builder()
                .addTextContent(Json.toString(actionResult))
                .structuredContent(Json.MAPPER.convertValue(actionResult, MAP))
                .isError(false)
                .build();
    }

    static McpSchema.CallToolResult error(String text) {
        return McpSchema.CallToolResult.builder().addTextContent(text).isError(true).build();
    }

    /** the daemon refused or the action failed: its message, and the data a model may use to correct itself. */
    static McpSchema.CallToolResult daemonError(String action, RpcError error) {
        String reason = error.data() == null ? null : error.data().path("reason").asText(null);
        StringBuilder text = new StringBuilder(switch (error.code()) {
            case ErrorCodes.DENIED -> "llm-os policy denied " + action + ": " + (reason != null ? reason : error.message());
            case ErrorCodes.INVALID_PARAMS -> "invalid arguments: " + about(action, error.message());
            case ErrorCodes.ACTION_FAILED -> "failed: " + about(action, error.message());
            case ErrorCodes.BUSY -> "llm-osd is busy: " + error.message();
            default -> about(action, error.message());
        });
        ObjectNode visible = visibleData(error.data());
        if (!visible.isEmpty()) {
            text.append('\n').append(Json.toString(visible));
        }
        return error(text.toString());
    }

    /** {@code message}, named after {@code action} unless the daemon's words already are. */
    static String about(String action, String message) {
        return message.startsWith(action + ":") ? message : action + ": " + message;
    }

    static ObjectNode visibleData(JsonNode data) {
        ObjectNode visible = Json.MAPPER.createObjectNode();
        if (data != null && data.isObject()) {
            for (String field : VISIBLE_DATA) {
                if (data.hasNonNull(field)) {
                    visible.set(field, data.get(field));
                }
            }
        }
        return visible;
    }
}
