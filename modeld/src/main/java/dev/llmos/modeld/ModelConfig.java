package dev.llmos.modeld;

import java.nio.file.Path;

/**
 * how to load a local gguf model.
 *
 * @param model the gguf file
 * @param threads cpu threads for generation and prompt processing
 * @param contextSize the context window in tokens (prompt plus answer)
 * @param cachePrompt whether llama.cpp reuses the previous prompt's kv cache; faster for a shared
 *     prefix, but a reused prefix may round differently from a fresh one, so off keeps outputs
 *     byte-identical
 * @param verbose whether llama.cpp's own log lines are printed
 */
public record ModelConfig(Path model, int threads, int contextSize, boolean cachePrompt, boolean verbose) {
    public static final int DEFAULT_CONTEXT = 4096;

    public ModelConfig {
        if (threads < 1 || contextSize < 16) {
            throw new IllegalArgumentException("threads must be at least 1 and the context at least 16 tokens");
        }
    }

    /** all cores, a 4096-token context, no prompt cache, quiet. */
    public static ModelConfig of(Path model) {
        return new ModelConfig(model, Runtime.getRuntime().availableProcessors(), DEFAULT_CONTEXT, false, false);
    }

    public ModelConfig withThreads(int count) {
        return new ModelConfig(model, count, contextSize, cachePrompt, verbose);
    }

    public ModelConfig withContextSize(int tokens) {
        return new ModelConfig(model, threads, tokens, cachePrompt, verbose);
    }
}
