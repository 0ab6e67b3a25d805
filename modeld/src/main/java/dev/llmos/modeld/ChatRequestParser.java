package dev.llmos.modeld;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.protocol.Json;
import dev.llmos.protocol.RpcException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * reads an openai chat completion request body. fields llm-modeld has no use for (penalties,
 * {@code top_p}, {@code user}, ...) are ignored as openai-compatible servers do; fields whose
 * meaning it cannot honour ({@code n > 1}, {@code stream}, the legacy {@code functions}) are refused,
 * never silently dropped. function calling ({@code tools}, {@code tool_choice}, tool messages) is
 * carried in the chat as text in the hermes format ({@link ToolPrompt}).
 */
final class ChatRequestParser {
    private static final java.util.regex.Pattern TOOL_NAME = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private ChatRequestParser() {
    }

    static ChatCompletionRequest parse(byte[] body) throws ApiException {
        JsonNode root;
        try {
            root = Json.parse(body);
        } catch (RpcException e) {
            throw ApiException.invalid(null, "the request body is not valid json: " + e.getMessage());
        }
        if (!root.isObject()) {
            throw ApiException.invalid(null, "the request body must be a json object");
        }
        if (root.path("stream").asBoolean(false)) {
            throw ApiException.invalid("stream", "streaming is not supported; send stream: false");
        }
        JsonNode n = root.get("n");
        if (n != null && !n.isNull() && !(n.isIntegralNumber() && n.asInt() == 1)) {
            throw ApiException.invalid("n", "only n = 1 is supported");
        }
        for (String unsupported : List.of("functions", "logprobs")) {
            JsonNode value = root.get(unsupported);
            if (value != null && !value.isNull() && !(value.isBoolean() && !value.asBoolean())) {
                throw ApiException.invalid(unsupported, unsupported + " is not supported");
            }
        }
        List<ToolDef> tools = tools(root.get("tools"));
        ToolMode mode = toolMode(root.get("tool_choice"), tools);
        Optional<String> schema = schema(root.get("response_format"));
        if (schema.isPresent() && !tools.isEmpty() && mode.kind() != ToolMode.Kind.NONE) {
            throw ApiException.invalid("response_format", "a json schema answer and function calls cannot be combined");
        }
        JsonNode parallel = root.get("parallel_tool_calls");
        if (parallel != null && !parallel.isNull() && !parallel.isBoolean()) {
            throw ApiException.invalid("parallel_tool_calls", "parallel_tool_calls must be a boolean");
        }
        return new ChatCompletionRequest(turns(root.get("messages")), maxTokens(root),
                new Sampling(temperature(root), seed(root)), schema, stop(root.get("stop")), tools, mode,
                parallel == null || parallel.isNull() || parallel.asBoolean());
    }

    /** the functions offered; each schema must be one llama.cpp can turn into a grammar. */
    private static List<ToolDef> tools(JsonNode tools) throws ApiException {
        if (tools == null || tools.isNull()) {
            return List.of();
        }
        if (!tools.isArray()) {
            throw ApiException.invalid("tools", "tools must be an array");
        }
        List<ToolDef> defs = new ArrayList<>();
        java.util.Set<String> names = new java.util.HashSet<>();
        for (int i = 0; i < tools.size(); i++) {
            String param = "tools[" + i + "]";
            JsonNode tool = tools.get(i);
            if (!tool.path("type").asText().equals("function") || !tool.path("function").isObject()) {
                throw ApiException.invalid(param, "a tool is {\"type\": \"function\", \"function\": {...}}");
            }
            JsonNode function = tool.get("function");
            String name = function.path("name").asText("");
            if (!TOOL_NAME.matcher(name).matches() || !names.add(name)) {
                throw ApiException.invalid(param + ".function.name", "a function name is 1 to 64 of [A-Za-z0-9_-], "
                        + "each used once");
            }
            JsonNode parameters = function.has("parameters") ? function.get("parameters")
                    : Json.MAPPER.createObjectNode().put("type", "object");
            if (!parameters.isObject()) {
                throw ApiException.invalid(param + ".function.parameters", "parameters must be a json schema object");
            }
            try {
                SchemaGuard.check(parameters);
            } catch (IllegalArgumentException e) {
                throw ApiException.invalid(param + ".function.parameters", e.getMessage());
            }
            defs.add(new ToolDef(name, function.path("description").asText(""), Json.toString(parameters)));
        }
        return List.copyOf(defs);
    }

    private static ToolMode toolMode(JsonNode choice, List<ToolDef> tools) throws ApiException {
        if (choice == null || choice.isNull()) {
            return tools.isEmpty() ? ToolMode.NONE : ToolMode.AUTO;
        }
        if (choice.isTextual()) {
            return switch (choice.asText()) {
                case "auto" -> tools.isEmpty() ? ToolMode.NONE : ToolMode.AUTO;
                case "none" -> ToolMode.NONE;
                case "required" -> {
                    if (tools.isEmpty()) {
                        throw ApiException.invalid("tool_choice", "required needs tools");
                    }
                    yield ToolMode.REQUIRED;
                }
                default -> throw ApiException.invalid("tool_choice", "tool_choice is auto, none, required or a function");
            };
        }
        String name = choice.path("function").path("name").asText("");
        if (!choice.path("type").asText().equals("function") || tools.stream().noneMatch(t -> t.name().equals(name))) {
            throw ApiException.invalid("tool_choice", "tool_choice names a function that is not among the tools");
        }
        return new ToolMode(ToolMode.Kind.NAMED, name);
    }

    /**
     * the chat as plain turns: an assistant's function calls become the text it would have written,
     * and the tool messages that follow one another become one user turn of responses.
     */
    private static List<ChatTurn> turns(JsonNode messages) throws ApiException {
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            throw ApiException.invalid("messages", "messages must be a non-empty array");
        }
        List<ChatTurn> turns = new ArrayList<>();
        List<String> responses = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            String param = "messages[" + i + "]";
            String role = message.path("role").asText("");
            if (role.equals("developer")) {
                role = ChatTurn.SYSTEM;
            }
            if (role.equals("tool")) {
                if (!message.path("tool_call_id").isTextual()) {
                    throw ApiException.invalid(param + ".tool_call_id", "a tool message names the call it answers");
                }
                responses.add(ToolPrompt.response(content(message.get("content"), param + ".content")));
                continue;
            }
            if (!responses.isEmpty()) {
                turns.add(new ChatTurn(ChatTurn.USER, String.join("\n", responses)));
                responses.clear();
            }
            if (!List.of(ChatTurn.SYSTEM, ChatTurn.USER, ChatTurn.ASSISTANT).contains(role)) {
                throw ApiException.invalid(param + ".role", "role must be system, developer, user, assistant or tool");
            }
            JsonNode calls = message.get("tool_calls");
            if (role.equals(ChatTurn.ASSISTANT) && calls != null && calls.isArray() && !calls.isEmpty()) {
                JsonNode content = message.get("content");
                turns.add(new ChatTurn(role, ToolPrompt.calls(content == null || content.isNull() ? null
                        : content(content, param + ".content"), calls(calls, param + ".tool_calls"))));
                continue;
            }
            turns.add(new ChatTurn(role, content(message.get("content"), param + ".content")));
        }
        if (!responses.isEmpty()) {
            turns.add(new ChatTurn(ChatTurn.USER, String.join("\n", responses)));
        }
        if (turns.stream().noneMatch(turn -> turn.role().equals(ChatTurn.USER))) {
            throw ApiException.invalid("messages", "at least one user message is required");
        }
        return List.copyOf(turns);
    }

    /** each call as {name, arguments text}. */
    private static List<String[]> calls(JsonNode calls, String param) throws ApiException {
        List<String[]> out = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            JsonNode function = calls.get(i).path("function");
            JsonNode arguments = function.path("arguments");
            if (!function.path("name").isTextual() || !(arguments.isTextual() || arguments.isObject())) {
                throw ApiException.invalid(param + "[" + i + "].function", "a call has a name and its arguments");
            }
            out.add(new String[] {function.get("name").asText(), arguments.isTextual() ? arguments.asText()
                    : Json.toString(arguments)});
        }
        return out;
    }

    /** a string, or an array of {@code {"type": "text", "text": ...}} parts. */
    private static String content(JsonNode content, String param) throws ApiException {
        if (content != null && content.isTextual()) {
            return content.asText();
        }
        if (content != null && content.isArray()) {
            StringBuilder text = new StringBuilder();
            for (JsonNode part : content) {
                if (!part.path("type").asText().equals("text") || !part.path("text").isTextual()) {
                    throw ApiException.invalid(param, "only text content parts are supported");
                }
                text.append(part.get("text").asText());
            }
            return text.toString();
        }
        throw ApiException.invalid(param, "content must be a string or an array of text parts");
    }

    private static OptionalInt maxTokens(JsonNode root) throws ApiException {
        String field = root.has("max_completion_tokens") ? "max_completion_tokens" : "max_tokens";
        JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            return OptionalInt.empty();
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < 1) {
            throw ApiException.invalid(field, field + " must be a positive integer");
        }
        return OptionalInt.of(value.asInt());
    }

    private static float temperature(JsonNode root) throws ApiException {
        JsonNode value = root.get("temperature");
        if (value == null || value.isNull()) {
            return 0f;
        }
        if (!value.isNumber() || value.asDouble() < 0 || value.asDouble() > 2) {
            throw ApiException.invalid("temperature", "temperature must be a number within 0..2");
        }
        return value.floatValue();
    }

    private static int seed(JsonNode root) throws ApiException {
        JsonNode value = root.get("seed");
        if (value == null || value.isNull()) {
            return Sampling.DEFAULT_SEED;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw ApiException.invalid("seed", "seed must be an integer");
        }
        // llama.cpp takes a 32-bit seed: larger ones map onto it, deterministically
        return (int) value.asLong();
    }

    private static Optional<String> schema(JsonNode format) throws ApiException {
        if (format == null || format.isNull()) {
            return Optional.empty();
        }
        String type = format.path("type").asText("");
        return switch (type) {
            case "text" -> Optional.empty();
            case "json_object" -> Optional.of("{\"type\":\"object\"}");
            case "json_schema" -> {
                JsonNode schema = format.path("json_schema").path("schema");
                if (!schema.isObject()) {
                    throw ApiException.invalid("response_format.json_schema.schema", "a json schema object is required");
                }
                yield Optional.of(Json.toString(schema));
            }
            default -> throw ApiException.invalid("response_format.type", "type must be text, json_object or json_schema");
        };
    }

    private static List<String> stop(JsonNode stop) throws ApiException {
        if (stop == null || stop.isNull()) {
            return List.of();
        }
        if (stop.isTextual()) {
            return List.of(stop.asText());
        }
        List<String> strings = new ArrayList<>();
        if (stop.isArray()) {
            for (JsonNode each : stop) {
                if (!each.isTextual()) {
                    throw ApiException.invalid("stop", "stop must be a string or an array of strings");
                }
                strings.add(each.asText());
            }
            return List.copyOf(strings);
        }
        throw ApiException.invalid("stop", "stop must be a string or an array of strings");
    }
}
