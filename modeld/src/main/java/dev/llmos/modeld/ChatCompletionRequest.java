package dev.llmos.modeld;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * the parts of an openai chat completion request that llm-modeld honours. the {@code model} field
 * is ignored: the one loaded model serves every name.
 *
 * @param turns the chat
 * @param maxTokens the token limit, when given
 * @param sampling temperature (0 unless given) and seed
 * @param jsonSchema the schema from {@code response_format}, as json text
 * @param stop stop strings
 */
record ChatCompletionRequest(List<ChatTurn> turns, OptionalInt maxTokens, Sampling sampling,
                             Optional<String> jsonSchema, List<String> stop) {
}
