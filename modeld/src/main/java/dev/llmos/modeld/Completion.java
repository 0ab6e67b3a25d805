package dev.llmos.modeld;

/**
 * what a {@link LocalModel} generated.
 *
 * @param text the generated text
 * @param promptTokens the prompt's length in tokens
 * @param completionTokens the answer's length in tokens, counted by tokenizing the text again (a
 *     sentencepiece vocabulary may count one more than it generated)
 * @param finishReason {@code stop} when the model or the grammar ended the answer, {@code length}
 *     when the token limit cut it off
 */
public record Completion(String text, int promptTokens, int completionTokens, String finishReason) {
    public static final String STOP = "stop";
    public static final String LENGTH = "length";
}
