package dev.llmos.gguf;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * a llama-architecture model small enough to write in milliseconds (about 0.5 mb with the
 * default sizes) and load in tens of milliseconds, with random weights drawn from a seed: the same
 * seed writes the same bytes. it produces nonsense, but through the real llama.cpp code paths:
 * tokenizer, attention, sampling and grammar-constrained decoding.
 *
 * @param embedding the embedding length
 * @param heads the attention heads (key/value heads are the same)
 * @param feedForward the feed-forward length
 * @param layers the transformer blocks
 * @param contextLength the trained context length recorded in the metadata
 * @param vocabulary the tokenizer
 * @param favoured the piece the model writes wherever it may (see {@link #favouring}), or null for none
 */
public record TinyLlama(int embedding, int heads, int feedForward, int layers, int contextLength,
                        SpmVocabulary vocabulary, String favoured) {
    public static final String NAME = "tiny-llama";
    /** how far every embedding leans one common way, against the unit-sized rest of it. */
    private static final float LEAN = 16f;
    /** the size of the output rows of the pieces that are not favoured. */
    private static final float QUIET = 0.05f;

    /** random weights with no preference. */
    public TinyLlama(int embedding, int heads, int feedForward, int layers, int contextLength, SpmVocabulary vocabulary) {
        this(embedding, heads, feedForward, layers, contextLength, vocabulary, null);
    }

    public TinyLlama {
        if (embedding <= 0 || heads <= 0 || embedding % heads != 0) {
            throw new IllegalArgumentException("embedding " + embedding + " is not a positive multiple of heads " + heads);
        }
        if (feedForward <= 0 || layers <= 0 || contextLength <= 0) {
            throw new IllegalArgumentException("feed-forward, layers and context length must be positive");
        }
        if (favoured != null && !vocabulary.tokens().contains(favoured)) {
            throw new IllegalArgumentException("the vocabulary has no piece " + favoured);
        }
    }

    /**
     * this model, but writing {@code piece} wherever a grammar lets it, and the rest at random: e.g.
     * {@code "<"}, which opens a function call, makes a model that always calls functions when it may.
     * every embedding leans far one common way, so the last hidden state points that way whatever the
     * input; a separate output matrix gives {@code piece} that direction and every other piece a small
     * random row, so {@code piece} wins every free choice and the small rows decide the rest.
     */
    public TinyLlama favouring(String piece) {
        return new TinyLlama(embedding, heads, feedForward, layers, contextLength, vocabulary, piece);
    }

    /** embedding 64, 4 heads, feed-forward 128, 2 layers, context 4096, {@link SpmVocabulary#bytesAndAscii()}. */
    public static TinyLlama standard() {
        return new TinyLlama(64, 4, 128, 2, 4096, SpmVocabulary.bytesAndAscii());
    }

    /** writes the model to {@code file}, its weights drawn from {@code seed}. */
    public Path write(Path file, long seed) throws IOException {
        toGguf(seed).write(file);
        return file;
    }

    public GgufWriter toGguf(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int vocab = vocabulary.size();
        GgufWriter gguf = new GgufWriter()
                .string("general.architecture", "llama")
                .string("general.name", NAME)
                .uint32("general.alignment", GgufWriter.ALIGNMENT)
                .uint32("llama.context_length", contextLength)
                .uint32("llama.embedding_length", embedding)
                .uint32("llama.block_count", layers)
                .uint32("llama.feed_forward_length", feedForward)
                .uint32("llama.attention.head_count", heads)
                .uint32("llama.attention.head_count_kv", heads)
                .uint32("llama.rope.dimension_count", embedding / heads)
                .float32("llama.attention.layer_norm_rms_epsilon", 1e-5f)
                .uint32("llama.vocab_size", vocab)
                .string("tokenizer.ggml.model", "llama")
                .strings("tokenizer.ggml.tokens", vocabulary.tokens())
                .float32s("tokenizer.ggml.scores", vocabulary.scores())
                .int32s("tokenizer.ggml.token_type", vocabulary.types())
                .uint32("tokenizer.ggml.unknown_token_id", SpmVocabulary.UNKNOWN_ID)
                .uint32("tokenizer.ggml.bos_token_id", SpmVocabulary.BOS_ID)
                .uint32("tokenizer.ggml.eos_token_id", SpmVocabulary.EOS_ID)
                .bool("tokenizer.ggml.add_bos_token", true)
                .bool("tokenizer.ggml.add_eos_token", false);
        float[] lean = favoured == null ? null : uniform(random, embedding, 1f);
        float[] embeddings = uniform(random, embedding * vocab, 1f);
        if (lean != null) {
            for (int i = 0; i < embeddings.length; i++) {
                embeddings[i] += LEAN * lean[i % embedding];
            }
        }
        gguf.tensor("token_embd.weight", embeddings, embedding, vocab);
        for (int block = 0; block < layers; block++) {
            String prefix = "blk." + block + ".";
            gguf.tensor(prefix + "attn_norm.weight", ones(embedding), embedding);
            for (String projection : new String[] {"attn_q", "attn_k", "attn_v", "attn_output"}) {
                gguf.tensor(prefix + projection + ".weight", weights(random, embedding, embedding), embedding, embedding);
            }
            gguf.tensor(prefix + "ffn_norm.weight", ones(embedding), embedding);
            gguf.tensor(prefix + "ffn_gate.weight", weights(random, embedding, feedForward), embedding, feedForward);
            gguf.tensor(prefix + "ffn_up.weight", weights(random, embedding, feedForward), embedding, feedForward);
            gguf.tensor(prefix + "ffn_down.weight", weights(random, feedForward, embedding), feedForward, embedding);
        }
        gguf.tensor("output_norm.weight", ones(embedding), embedding);
        if (lean != null) {
            float[] output = uniform(random, embedding * vocab, QUIET);
            System.arraycopy(lean, 0, output, vocabulary.tokens().indexOf(favoured) * embedding, embedding);
            gguf.tensor("output.weight", output, embedding, vocab);
        }
        return gguf;
    }

    /** a weight matrix with {@code inputs} columns, scaled so activations keep their size. */
    private static float[] weights(SplittableRandom random, int inputs, int outputs) {
        return uniform(random, inputs * outputs, (float) (1 / Math.sqrt(inputs)));
    }

    private static float[] uniform(SplittableRandom random, int count, float bound) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
        }
        return values;
    }

    private static float[] ones(int count) {
        float[] values = new float[count];
        Arrays.fill(values, 1f);
        return values;
    }
}
