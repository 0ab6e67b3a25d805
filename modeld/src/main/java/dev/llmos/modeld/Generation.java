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
 * @param grammar a llama.cpp grammar (gbnf) the answer must follow, instead of a json schema
 * @param cachePrompt whether this request may reuse the kv cache of the previous one (a continuation
 *     of it within one exclusive sequence), whatever the model's configuration says
 */
public record Generation(String prompt, Optional<String> jsonSchema, int maxTokens, Sampling sampling, List<String> stop,
                         Optional<String> grammar, boolean cachePrompt) {
    public Generation {
        if (prompt == null || prompt.isEmpty()) {
            throw new IllegalArgumentException("the prompt is empty");
        }
        if (maxTokens < 1) {
            throw new IllegalArgumentException("max tokens must be positive, not " + maxTokens);
        }
        if (jsonSchema.isPresent() && grammar.isPresent()) {
            throw new IllegalArgumentException("a json schema or a grammar, not both");
        }
        stop = List.copyOf(stop);
    }

    public Generation(String prompt, Optional<String> jsonSchema, int maxTokens, Sampling sampling, List<String> stop) {
        this(prompt, jsonSchema, maxTokens, sampling, stop, Optional.empty(), false);
    }

    /** greedy decoding, no stop strings. */
    public static Generation greedy(String prompt, Optional<String> jsonSchema, int maxTokens) {
        return new Generation(prompt, jsonSchema, maxTokens, Sampling.GREEDY, List.of());
    }

    /** greedy decoding under {@code grammar}, continuing the previous request when {@code continuation}. */
    public static Generation constrained(String prompt, String grammar, int maxTokens, Sampling sampling,
                                         boolean continuation) {
        return new Generation(prompt, Optional.empty(), maxTokens, sampling, List.of(), Optional.of(grammar), continuation);
    }

    /** greedy decoding under {@code jsonSchema}, continuing the previous request when {@code continuation}. */
    public static Generation schema(String prompt, String jsonSchema, int maxTokens, Sampling sampling,
                                    boolean continuation) {
        return new Generation(prompt, Optional.of(jsonSchema), maxTokens, sampling, List.of(), Optional.empty(), continuation);
    }
}
