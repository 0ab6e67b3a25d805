package dev.llmos.planner;

import dev.llmos.catalog.ActionCatalog;
import dev.llmos.catalog.CatalogEntry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * the vectors of every action's example utterances and description, as the router compares requests
 * with them. an action's score is the mean similarity of its {@code neighbours} closest examples: on
 * the tuning eval set this beat the single nearest example, a k-nearest-neighbour vote and the centroid.
 */
final class ExampleIndex {
    /**
     * the pseudo-action of requests no action serves: the router compares a request with them as with any
     * action's examples, and refuses a request closest to them.
     */
    static final String UNSERVED = "(unserved)";
    private static final List<String> UNSERVED_REQUESTS = unserved();

    /**
     * one utterance of an action.
     *
     * @param text as the action declares it, for explanations
     * @param routed as the router embeds it (normalized, slot values masked)
     */
    record Example(String action, String text, String routed) {
    }

    /**
     * how close a request is to one action.
     *
     * @param closest the action's example closest to the request
     * @param semantic the mean sentence-vector cosine alone of the same examples (no character trigrams)
     */
    record Score(String action, double score, String closest, double semantic) {
    }

    private final String key;
    private final List<Example> examples;
    private final float[][] vectors;
    private final CharGrams grams;
    private final List<Map<String, Double>> lexical;
    private final Map<String, List<Integer>> byAction = new LinkedHashMap<>();

    private ExampleIndex(String key, List<Example> examples, float[][] vectors) {
        this.key = key;
        this.examples = examples;
        this.vectors = vectors;
        this.grams = CharGrams.over(examples.stream().map(Example::routed).toList());
        this.lexical = examples.stream().map(example -> grams.vector(example.routed())).toList();
        for (int i = 0; i < examples.size(); i++) {
            byAction.computeIfAbsent(examples.get(i).action(), action -> new ArrayList<>()).add(i);
        }
    }

    /** every action's examples then its description, actions sorted by name. */
    static List<Example> examples(ActionCatalog catalog) {
        List<Example> examples = new ArrayList<>();
        for (CatalogEntry entry : catalog.entries()) {
            for (String example : entry.action().examples()) {
                examples.add(example(entry.name(), example));
            }
            examples.add(example(entry.name(), entry.action().description()));
        }
        for (String request : UNSERVED_REQUESTS) {
            examples.add(example(UNSERVED, request));
        }
        return List.copyOf(examples);
    }

    /** requests no action serves (unserved.txt), one a line, {@code #} comments. */
    private static List<String> unserved() {
        try (InputStream in = ExampleIndex.class.getResourceAsStream("unserved.txt")) {
            if (in == null) {
                throw new IllegalStateException("unserved.txt is missing from the planner");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Example example(String action, String text) {
        return new Example(action, text, RequestText.masked(RequestText.tokens(RequestText.normalize(text))));
    }

    /** names the vectors of {@code examples} under {@code encoder}: equal keys, equal vectors. */
    static String key(String encoder, List<Example> examples) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(encoder.getBytes(StandardCharsets.UTF_8));
            for (Example example : examples) {
                sha.update((byte) 0);
                sha.update(example.action().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(example.routed().getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** embeds every example, or reads the vectors from {@code store} when it has them. */
    static ExampleIndex build(List<Example> examples, Encoder encoder, VectorStore store) {
        String key = key(encoder.id(), examples);
        float[][] vectors = store.read(key, examples.size());
        if (vectors == null) {
            vectors = new float[examples.size()][];
            for (int i = 0; i < vectors.length; i++) {
                vectors[i] = encoder.embed(examples.get(i).routed());
            }
            store.write(key, vectors);
        }
        return new ExampleIndex(key, examples, vectors);
    }

    String key() {
        return key;
    }

    /**
     * every action's score for a request, best first (ties by name). an example's similarity blends the
     * cosine of the sentence vectors with {@code lexicalWeight} of the character-trigram cosine of the
     * routed texts, which keeps typos and abbreviations close to the words they stand for.
     */
    List<Score> rank(float[] query, String routed, int neighbours, double lexicalWeight) {
        Map<String, Double> words = grams.vector(routed);
        double[] similarity = new double[vectors.length];
        double[] semantic = new double[vectors.length];
        for (int i = 0; i < vectors.length; i++) {
            semantic[i] = dot(vectors[i], query);
            similarity[i] = (1 - lexicalWeight) * semantic[i] + lexicalWeight * CharGrams.dot(lexical.get(i), words);
        }
        Comparator<Integer> closestFirst = Comparator.comparingDouble((Integer i) -> similarity[i]).reversed()
                .thenComparing(Comparator.naturalOrder());
        List<Score> scores = new ArrayList<>();
        byAction.forEach((action, indexes) -> {
            List<Integer> closest = indexes.stream().sorted(closestFirst).limit(neighbours).toList();
            double mean = closest.stream().mapToDouble(i -> similarity[i]).average().orElseThrow();
            scores.add(new Score(action, mean, examples.get(closest.getFirst()).text(),
                    closest.stream().mapToDouble(i -> semantic[i]).average().orElseThrow()));
        });
        scores.sort(Comparator.comparingDouble(Score::score).reversed().thenComparing(Score::action));
        return scores;
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
