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
 */
public record ChatRequest(String model, List<ChatMessage> messages, int maxTokens, double temperature,
                          OptionalLong seed, Optional<JsonSchemaFormat> responseFormat) {
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
    }

    /** temperature 0 and a fixed seed: the same request gives the same answer on a deterministic backend. */
    public static ChatRequest deterministic(String model, List<ChatMessage> messages, int maxTokens,
                                            JsonSchemaFormat format, long seed) {
        return new ChatRequest(model, messages, maxTokens, 0, OptionalLong.of(seed), Optional.of(format));
    }
}
