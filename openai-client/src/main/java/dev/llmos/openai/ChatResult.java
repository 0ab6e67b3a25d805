package dev.llmos.openai;

import java.util.List;

/**
 * the first choice of a chat completion.
 *
 * @param content the assistant message text; empty when it only calls functions
 * @param finishReason why generation ended: {@code stop}, {@code tool_calls}, {@code length} (cut
 *     off), or what the backend says
 * @param model the model that answered, as the backend names it
 * @param promptTokens prompt tokens as the backend counted them, 0 when it does not say
 * @param completionTokens generated tokens as the backend counted them, 0 when it does not say
 * @param toolCalls the functions it calls, in order; empty for a text answer
 */
public record ChatResult(String content, String finishReason, String model, int promptTokens, int completionTokens,
                         List<ToolCall> toolCalls) {
    public ChatResult {
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    }

    public ChatResult(String content, String finishReason, String model, int promptTokens, int completionTokens) {
        this(content, finishReason, model, promptTokens, completionTokens, List.of());
    }

    public boolean truncated() {
        return "length".equals(finishReason);
    }
}
