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
    /** the example vectors one after another, {@code dimensions} floats each. */
    private final float[] vectors;
    private final int dimensions;
    private final CharGrams grams;
    /** each action's example numbers, actions in catalog order. */
    private final List<String> actions = new ArrayList<>();
    private final List<int[]> byAction = new ArrayList<>();

    private ExampleIndex(String key, List<Example> examples, float[][] vectors) {
        this.key = key;
        this.examples = examples;
        this.dimensions = vectors.length == 0 ? 0 : vectors[0].length;
        this.vectors = new float[vectors.length * dimensions];
        for (int i = 0; i < vectors.length; i++) {
            System.arraycopy(vectors[i], 0, this.vectors, i * dimensions, dimensions);
        }
        this.grams = CharGrams.over(examples.stream().map(Example::routed).toList());
        Map<String, List<Integer>> indexes = new LinkedHashMap<>();
        for (int i = 0; i < examples.size(); i++) {
            indexes.computeIfAbsent(examples.get(i).action(), action -> new ArrayList<>()).add(i);
        }
        indexes.forEach((action, numbers) -> {
            actions.add(action);
            byAction.add(numbers.stream().mapToInt(Integer::intValue).toArray());
        });
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

    /** the requests no action serves, as unserved.txt has them. */
    static List<String> unservedRequests() {
        return UNSERVED_REQUESTS;
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
        double[] lexical = grams.similarities(routed);
        int count = examples.size();
        double[] similarity = new double[count];
        double[] semantic = new double[count];
        for (int i = 0; i < count; i++) {
            semantic[i] = dot(vectors, i * dimensions, query);
            similarity[i] = (1 - lexicalWeight) * semantic[i] + lexicalWeight * lexical[i];
        }
        List<Score> scores = new ArrayList<>(actions.size());
        int[] closest = new int[neighbours];
        for (int a = 0; a < actions.size(); a++) {
            int found = closest(byAction.get(a), similarity, closest);
            double sum = 0;
            double meaning = 0;
            for (int k = 0; k < found; k++) {
                sum += similarity[closest[k]];
                meaning += semantic[closest[k]];
            }
            scores.add(new Score(actions.get(a), sum / found, examples.get(closest[0]).text(), meaning / found));
        }
        scores.sort(Comparator.comparingDouble(Score::score).reversed().thenComparing(Score::action));
        return scores;
    }

    /**
     * writes the numbers of the (at most {@code closest.length}) most similar of {@code numbers} into
     * {@code closest}, most similar first, ties by number; returns how many.
     */
    private static int closest(int[] numbers, double[] similarity, int[] closest) {
        int found = 0;
        for (int number : numbers) {
            int at = found;
            while (at > 0 && similarity[closest[at - 1]] < similarity[number]) {
                at--;
            }
            if (at < closest.length) {
                System.arraycopy(closest, at, closest, at + 1, Math.min(found, closest.length - 1) - at);
                closest[at] = number;
                found = Math.min(found + 1, closest.length);
            }
        }
        return found;
    }

    /** the dot product of the vector at {@code offset} of {@code matrix} with {@code query}. */
    private static double dot(float[] matrix, int offset, float[] query) {
        float a = 0;
        float b = 0;
        float c = 0;
        float d = 0;
        int i = 0;
        for (; i + 3 < query.length; i += 4) {
            a += matrix[offset + i] * query[i];
            b += matrix[offset + i + 1] * query[i + 1];
            c += matrix[offset + i + 2] * query[i + 2];
            d += matrix[offset + i + 3] * query[i + 3];
        }
        for (; i < query.length; i++) {
            a += matrix[offset + i] * query[i];
        }
        return (double) a + b + c + d;
    }
}
