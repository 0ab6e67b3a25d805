package dev.llmos.modeld;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.protocol.Json;
import dev.llmos.protocol.RpcException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * function calling in plain chat text, the hermes format that open models (qwen, hermes, llama
 * derivatives) are trained on: the functions are listed in the system message, a call is
 * {@code <tool_call>{"name": ..., "arguments": ...}</tool_call>} in the assistant's text, and results
 * come back in a user turn as {@code <tool_response>...</tool_response>}. every chat template then
 * frames them as ordinary system, user and assistant turns. each function is one line (name, params
 * with their types, description) rather than its whole schema: a small model's context is short, and
 * the grammar holds the arguments to the schema anyway.
 */
final class ToolPrompt {
    static final String CALL_OPEN = "<tool_call>\n{\"name\": \"";
    static final String ARGUMENTS = ", \"arguments\": ";
    static final String CALL_CLOSE = "}\n</tool_call>";

    private ToolPrompt() {
    }

    /** the system text that offers {@code tools}. */
    static String system(List<ToolDef> tools) {
        StringBuilder out = new StringBuilder("# Tools\n\nYou may call functions to help with the request. ")
                .append("The functions, one per line as name(params): description:\n<tools>\n");
        for (ToolDef tool : tools) {
            out.append(tool.name()).append('(').append(String.join(", ", params(tool.parameters()))).append("): ")
                    .append(tool.description().replace('\n', ' ')).append('\n');
        }
        return out.append("</tools>\n\nTo call a function, answer with a json object of its name and arguments ")
                .append("within <tool_call></tool_call> tags:\n<tool_call>\n{\"name\": <function-name>, ")
                .append("\"arguments\": <args-json-object>}\n</tool_call>\nOtherwise answer in plain text.").toString();
    }

    /** an assistant message's calls as the text the model would have written. */
    static String calls(String content, List<String[]> calls) {
        StringBuilder out = new StringBuilder(content == null ? "" : content);
        for (String[] call : calls) {
            if (!out.isEmpty()) {
                out.append('\n');
            }
            out.append(CALL_OPEN).append(call[0]).append('"').append(ARGUMENTS).append(call[1]).append(CALL_CLOSE);
        }
        return out.toString();
    }

    /** one tool message's content as a user turn's part. */
    static String response(String content) {
        return "<tool_response>\n" + content + "\n</tool_response>";
    }

    /** each param as {@code name: type}, {@code ?} marking an optional one. */
    private static List<String> params(String schema) {
        List<String> params = new ArrayList<>();
        JsonNode tree;
        try {
            tree = Json.parse(schema.getBytes(StandardCharsets.UTF_8));
        } catch (RpcException e) {
            return params;
        }
        JsonNode required = tree.path("required");
        if (tree.path("properties") instanceof ObjectNode properties) {
            properties.properties().forEach(field -> {
                boolean needed = false;
                for (JsonNode name : required) {
                    needed |= name.asText().equals(field.getKey());
                }
                JsonNode value = field.getValue();
                String type = value.has("enum") ? enumText(value.get("enum"))
                        : value.path("type").isTextual() ? value.path("type").asText() : "value";
                params.add(field.getKey() + (needed ? "" : "?") + ": " + type);
            });
        }
        return params;
    }

    private static String enumText(JsonNode values) {
        List<String> out = new ArrayList<>();
        values.forEach(v -> out.add(v.asText()));
        return String.join("|", out);
    }
}
