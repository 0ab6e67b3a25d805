package dev.llmos.openai;

/**
 * the first choice of a chat completion.
 *
 * @param content the assistant message text
 * @param finishReason why generation ended: {@code stop}, {@code length} (cut off), or what the backend says
 * @param model the model that answered, as the backend names it
 * @param promptTokens prompt tokens as the backend counted them, 0 when it does not say
 * @param completionTokens generated tokens as the backend counted them, 0 when it does not say
 */
public record ChatResult(String content, String finishReason, String model, int promptTokens, int completionTokens) {
    public boolean truncated() {
        return "length".equals(finishReason);
    }
}
