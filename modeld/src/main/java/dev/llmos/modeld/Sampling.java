package dev.llmos.modeld;

/**
 * how the next token is picked.
 *
 * @param temperature 0 picks the most likely token every time (greedy)
 * @param seed the random seed for temperatures above 0
 */
public record Sampling(float temperature, int seed) {
    public static final int DEFAULT_SEED = 42;
    /** temperature 0 and {@link #DEFAULT_SEED}: the same prompt gives the same text. */
    public static final Sampling GREEDY = new Sampling(0f, DEFAULT_SEED);

    public Sampling {
        if (!(temperature >= 0f && temperature <= 2f)) {
            throw new IllegalArgumentException("temperature must be within 0..2, not " + temperature);
        }
    }
}
