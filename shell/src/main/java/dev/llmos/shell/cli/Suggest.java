package dev.llmos.shell.cli;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.jline.utils.Levenshtein;

/** "did you mean": the known words closest to a mistyped one. */
public final class Suggest {
    private Suggest() {
    }

    /**
     * the candidates close to {@code word}, closest first: within a small edit distance (jline's
     * damerau-levenshtein, where a swap of two neighbours counts once), a candidate the word starts
     * with or that starts with it, or one joined to other text by a dash, dot or underscore
     * ({@code undo-list}).
     */
    public static List<String> closest(String word, Collection<String> candidates) {
        String typed = word.toLowerCase(Locale.ROOT);
        int limit = typed.length() <= 4 ? 1 : 2;
        record Scored(String candidate, int score) {
        }
        List<Scored> scored = new ArrayList<>();
        for (String candidate : candidates) {
            int distance = Levenshtein.distance(typed, candidate.toLowerCase(Locale.ROOT));
            if (distance <= limit) {
                scored.add(new Scored(candidate, distance));
            } else if (related(typed, candidate.toLowerCase(Locale.ROOT))) {
                scored.add(new Scored(candidate, limit + 1));
            }
        }
        scored.sort(Comparator.comparingInt(Scored::score).thenComparing(Scored::candidate));
        List<String> result = new ArrayList<>();
        for (Scored s : scored) {
            result.add(s.candidate());
        }
        return result;
    }

    private static boolean related(String typed, String candidate) {
        if (typed.length() >= 3 && candidate.startsWith(typed)) {
            return true;
        }
        if (candidate.length() >= 3 && typed.startsWith(candidate)) {
            return true;
        }
        for (String part : typed.split("[-_.]")) {
            if (part.equals(candidate)) {
                return true;
            }
        }
        return false;
    }

    /** {@code ; did you mean 'x'?} or {@code ; did you mean one of 'x', 'y'?}, or nothing. */
    public static String phrase(List<String> suggestions) {
        if (suggestions.isEmpty()) {
            return "";
        }
        List<String> quoted = new ArrayList<>();
        for (String s : suggestions.subList(0, Math.min(3, suggestions.size()))) {
            quoted.add("'" + s + "'");
        }
        return "; did you mean " + (quoted.size() == 1 ? quoted.getFirst() : "one of " + String.join(", ", quoted)) + "?";
    }
}
