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
 * meaning it cannot honour ({@code n > 1}, {@code stream}, tools) are refused, never silently dropped.
 */
final class ChatRequestParser {
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
        for (String unsupported : List.of("tools", "functions", "tool_choice", "logprobs")) {
            JsonNode value = root.get(unsupported);
            if (value != null && !value.isNull() && !(value.isBoolean() && !value.asBoolean())) {
                throw ApiException.invalid(unsupported, unsupported + " is not supported");
            }
        }
        return new ChatCompletionRequest(turns(root.get("messages")), maxTokens(root),
                new Sampling(temperature(root), seed(root)), schema(root.get("response_format")), stop(root.get("stop")));
    }

    private static List<ChatTurn> turns(JsonNode messages) throws ApiException {
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            throw ApiException.invalid("messages", "messages must be a non-empty array");
        }
        List<ChatTurn> turns = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            String param = "messages[" + i + "]";
            String role = message.path("role").asText("");
            if (role.equals("developer")) {
                role = ChatTurn.SYSTEM;
            }
            if (!List.of(ChatTurn.SYSTEM, ChatTurn.USER, ChatTurn.ASSISTANT).contains(role)) {
                throw ApiException.invalid(param + ".role", "role must be system, developer, user or assistant");
            }
            turns.add(new ChatTurn(role, content(message.get("content"), param + ".content")));
        }
        if (turns.stream().noneMatch(turn -> turn.role().equals(ChatTurn.USER))) {
            throw ApiException.invalid("messages", "at least one user message is required");
        }
        return List.copyOf(turns);
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
