package dev.llmos.planner;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * tf-idf vectors of character trigrams of the words of a text: a lexical similarity that survives
 * typos ("reda", "lsit") and abbreviations ("perms", "mem") where a sentence encoder may not.
 * the idf comes from the example corpus it was built on.
 */
final class CharGrams {
    private final Map<String, Double> idf;

    private CharGrams(Map<String, Double> idf) {
        this.idf = idf;
    }

    static CharGrams over(List<String> corpus) {
        Map<String, Integer> documents = new HashMap<>();
        for (String text : corpus) {
            grams(text).keySet().forEach(gram -> documents.merge(gram, 1, Integer::sum));
        }
        Map<String, Double> idf = new HashMap<>();
        documents.forEach((gram, count) -> idf.put(gram, Math.log((1.0 + corpus.size()) / (1.0 + count)) + 1));
        return new CharGrams(idf);
    }

    /** the unit-length tf-idf vector of {@code text}; grams unknown to the corpus are left out. */
    Map<String, Double> vector(String text) {
        Map<String, Double> vector = new HashMap<>();
        grams(text).forEach((gram, count) -> {
            Double weight = idf.get(gram);
            if (weight != null) {
                vector.put(gram, count * weight);
            }
        });
        double norm = Math.sqrt(vector.values().stream().mapToDouble(w -> w * w).sum());
        if (norm > 0) {
            vector.replaceAll((gram, weight) -> weight / norm);
        }
        return vector;
    }

    static double dot(Map<String, Double> a, Map<String, Double> b) {
        Map<String, Double> small = a.size() <= b.size() ? a : b;
        Map<String, Double> large = small == a ? b : a;
        double sum = 0;
        for (Map.Entry<String, Double> entry : small.entrySet()) {
            Double other = large.get(entry.getKey());
            if (other != null) {
                sum += entry.getValue() * other;
            }
        }
        return sum;
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
