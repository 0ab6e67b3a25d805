package dev.llmos.modeld;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * the parts of an openai chat completion request that llm-modeld honours. the {@code model} field
 * is ignored: the one loaded model serves every name.
 *
 * @param turns the chat, function calls and their results already written out as text
 * @param maxTokens the token limit, when given
 * @param sampling temperature (0 unless given) and seed
 * @param jsonSchema the schema from {@code response_format}, as json text
 * @param stop stop strings
 * @param tools the functions the model may call
 * @param toolMode whether and which it must call
 * @param parallelCalls whether one answer may call several functions
 */
record ChatCompletionRequest(List<ChatTurn> turns, OptionalInt maxTokens, Sampling sampling,
                             Optional<String> jsonSchema, List<String> stop, List<ToolDef> tools, ToolMode toolMode,
                             boolean parallelCalls) {
    ChatCompletionRequest(List<ChatTurn> turns, OptionalInt maxTokens, Sampling sampling, Optional<String> jsonSchema,
                          List<String> stop) {
        this(turns, maxTokens, sampling, jsonSchema, stop, List.of(), ToolMode.NONE, true);
    }

    /** whether the answer is decoded as function calls (or a text answer chosen among them). */
    boolean callsTools() {
        return !tools.isEmpty() && toolMode.kind() != ToolMode.Kind.NONE;
    }
}
