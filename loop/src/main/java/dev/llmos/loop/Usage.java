package dev.llmos.loop;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * the tokens one model turn cost, as the backend counted them (repair rounds included).
 *
 * @param promptTokens tokens read
 * @param completionTokens tokens written
 */
public record Usage(@NotNull @Min(0) Long promptTokens, @NotNull @Min(0) Long completionTokens) {
    public static final Usage NONE = new Usage(0L, 0L);

    public Usage plus(Usage other) {
        return new Usage(promptTokens + other.promptTokens, completionTokens + other.completionTokens);
    }
}
