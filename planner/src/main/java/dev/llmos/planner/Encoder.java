package dev.llmos.planner;

/**
 * a sentence encoder: text to a unit-length vector, so the dot product of two vectors is their cosine
 * similarity. implementations are deterministic (same text, same vector) and thread-safe.
 */
interface Encoder extends AutoCloseable {
    /** names the model, so caches of vectors never mix two encoders. */
    String id();

    float[] embed(String text);

    /** frees the model's memory; the encoder is unusable afterwards. */
    @Override
    void close();
}
