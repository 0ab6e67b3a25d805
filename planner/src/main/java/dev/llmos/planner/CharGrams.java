package dev.llmos.planner;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * tf-idf vectors of character trigrams of the words of a text: a lexical similarity that survives
 * typos ("reda", "lsit") and abbreviations ("perms", "mem") where a sentence encoder may not.
 * the idf comes from the example corpus it was built on, and the corpus is kept as an inverted index
 * (each trigram with the documents that have it), so one request is compared with every document by
 * walking only the trigrams it has. immutable once built.
 */
final class CharGrams {
    /** each known trigram's number. */
    private final Map<String, Integer> ids;
    private final double[] idf;
    /** per trigram number, the documents that have it and its weight in each (unit-length vectors). */
    private final int[][] documents;
    private final double[][] weights;
    private final int size;

    private CharGrams(Map<String, Integer> ids, double[] idf, int[][] documents, double[][] weights, int size) {
        this.ids = ids;
        this.idf = idf;
        this.documents = documents;
        this.weights = weights;
        this.size = size;
    }

    static CharGrams over(List<String> corpus) {
        List<Map<String, Integer>> counts = corpus.stream().map(CharGrams::grams).toList();
        Map<String, Integer> ids = new HashMap<>();
        List<Integer> frequency = new ArrayList<>();
        for (Map<String, Integer> grams : counts) {
            for (String gram : grams.keySet()) {
                Integer id = ids.putIfAbsent(gram, ids.size());
                if (id == null) {
                    frequency.add(1);
                } else {
                    frequency.set(id, frequency.get(id) + 1);
                }
            }
        }
        double[] idf = new double[ids.size()];
        for (int id = 0; id < idf.length; id++) {
            idf[id] = Math.log((1.0 + corpus.size()) / (1.0 + frequency.get(id))) + 1;
        }
        int[][] documents = new int[idf.length][];
        double[][] weights = new double[idf.length][];
        int[] filled = new int[idf.length];
        for (int id = 0; id < idf.length; id++) {
            documents[id] = new int[frequency.get(id)];
            weights[id] = new double[frequency.get(id)];
        }
        CharGrams index = new CharGrams(Map.copyOf(ids), idf, documents, weights, corpus.size());
        for (int document = 0; document < counts.size(); document++) {
            int[] grams = new int[counts.get(document).size()];
            double[] vector = index.vector(counts.get(document), grams);
            for (int k = 0; k < grams.length; k++) {
                int id = grams[k];
                documents[id][filled[id]] = document;
                weights[id][filled[id]++] = vector[k];
            }
        }
        return index;
    }

    /**
     * the cosine of {@code text}'s vector with each document's, in corpus order; trigrams unknown to the
     * corpus are left out.
     */
    double[] similarities(String text) {
        Map<String, Integer> counts = grams(text);
        int[] grams = new int[counts.size()];
        double[] vector = vector(counts, grams);
        double[] similarity = new double[size];
        for (int k = 0; k < vector.length; k++) {
            int[] having = documents[grams[k]];
            double[] weight = weights[grams[k]];
            for (int d = 0; d < having.length; d++) {
                similarity[having[d]] += vector[k] * weight[d];
            }
        }
        return similarity;
    }

    /**
     * the unit-length tf-idf vector of trigram {@code counts}: its weights, with the trigram numbers written
     * into {@code grams} in the same order; only known trigrams, so the result may be shorter.
     */
    private double[] vector(Map<String, Integer> counts, int[] grams) {
        double[] vector = new double[counts.size()];
        int known = 0;
        double norm = 0;
        for (Map.Entry<String, Integer> entry : counts.entrySet()) {
            Integer id = ids.get(entry.getKey());
            if (id != null) {
                grams[known] = id;
                vector[known] = entry.getValue() * idf[id];
                norm += vector[known] * vector[known];
                known++;
            }
        }
        double length = Math.sqrt(norm);
        double[] unit = new double[known];
        for (int k = 0; k < known; k++) {
            unit[k] = vector[k] / length;
        }
        return unit;
    }

    private static Map<String, Integer> grams(String text) {
        Map<String, Integer> grams = new HashMap<>();
        for (String word : text.split("[^\\p{L}\\p{N}]+")) {
            if (word.isEmpty()) {
                continue;
            }
            String padded = "^" + word + "$";
            for (int i = 0; i + 3 <= padded.length(); i++) {
                grams.merge(padded.substring(i, i + 3), 1, Integer::sum);
            }
        }
        return grams;
    }
}
