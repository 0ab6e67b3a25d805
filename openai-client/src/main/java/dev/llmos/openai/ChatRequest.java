package dev.llmos.openai;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * a non-streaming chat completion request.
 *
 * @param model the model name the backend knows (llm-modeld accepts any)
 * @param messages the chat so far, at least one message
 * @param maxTokens the most tokens to generate
 * @param temperature 0 for greedy, deterministic decoding
 * @param seed the sampling seed, if the backend supports one
 * @param responseFormat the json schema the answer must follow, if any
 * @param tools the functions the model may call; empty for none
 * @param toolChoice whether and which function it must call; ignored without tools
 */
public record ChatRequest(String model, List<ChatMessage> messages, int maxTokens, double temperature,
                          OptionalLong seed, Optional<JsonSchemaFormat> responseFormat, List<ToolSpec> tools,
                          ToolChoice toolChoice) {
    public ChatRequest {
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("a model name is required");
        }
        messages = List.copyOf(messages);
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("a chat needs at least one message");
        }
        if (maxTokens < 1) {
            throw new IllegalArgumentException("max tokens must be positive, not " + maxTokens);
        }
        if (!(temperature >= 0 && temperature <= 2)) {
            throw new IllegalArgumentException("temperature must be within 0..2, not " + temperature);
        }
        tools = tools == null ? List.of() : List.copyOf(tools);
        if (tools.stream().map(ToolSpec::name).distinct().count() != tools.size()) {
            throw new IllegalArgumentException("two functions share a name");
        }
        toolChoice = toolChoice == null ? ToolChoice.AUTO : toolChoice;
        if (toolChoice instanceof ToolChoice.Named named && tools.stream().noneMatch(t -> t.name().equals(named.name()))) {
            throw new IllegalArgumentException("tool_choice names " + named.name() + ", which is not among the tools");
        }
    }

    /** a request without functions. */
    public ChatRequest(String model, List<ChatMessage> messages, int maxTokens, double temperature, OptionalLong seed,
                       Optional<JsonSchemaFormat> responseFormat) {
        this(model, messages, maxTokens, temperature, seed, responseFormat, List.of(), ToolChoice.AUTO);
    }

    /** temperature 0 and a fixed seed: the same request gives the same answer on a deterministic backend. */
    public static ChatRequest deterministic(String model, List<ChatMessage> messages, int maxTokens,
                                            JsonSchemaFormat format, long seed) {
        return new ChatRequest(model, messages, maxTokens, 0, OptionalLong.of(seed), Optional.of(format));
    }

    /** temperature 0, a fixed seed and these functions to call. */
    public static ChatRequest withTools(String model, List<ChatMessage> messages, int maxTokens, List<ToolSpec> tools,
                                        ToolChoice choice, long seed) {
        return new ChatRequest(model, messages, maxTokens, 0, OptionalLong.of(seed), Optional.empty(), tools, choice);
    }
}
