package dev.llmos.modeld;

import java.util.List;
import java.util.Optional;

/**
 * one text generation request to a {@link LocalModel}.
 *
 * @param prompt the full prompt, chat template already applied
 * @param jsonSchema the json schema the answer must follow, enforced by a grammar while decoding
 * @param maxTokens the most tokens to generate
 * @param sampling temperature and seed
 * @param stop strings that end generation when produced
 */
public record Generation(String prompt, Optional<String> jsonSchema, int maxTokens, Sampling sampling, List<String> stop) {
    public Generation {
        if (prompt == null || prompt.isEmpty()) {
            throw new IllegalArgumentException("the prompt is empty");
        }
        if (maxTokens < 1) {
            throw new IllegalArgumentException("max tokens must be positive, not " + maxTokens);
        }
        stop = List.copyOf(stop);
    }

    /** greedy decoding, no stop strings. */
    public static Generation greedy(String prompt, Optional<String> jsonSchema, int maxTokens) {
        return new Generation(prompt, jsonSchema, maxTokens, Sampling.GREEDY, List.of());
    }
}
