package dev.llmos.shell.cli;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** "did you mean": the known words closest to a mistyped one. */
public final class Suggest {
    private Suggest() {
    }

    /**
     * the candidates close to {@code word}, closest first: within a small edit distance (a swap of
     * two neighbours counts once), a candidate the word starts with or that starts with it, or one
     * joined to other text by a dash, dot or underscore ({@code undo-list}).
     */
    public static List<String> closest(String word, Collection<String> candidates) {
        String typed = word.toLowerCase(Locale.ROOT);
        int limit = typed.length() <= 4 ? 1 : 2;
        record Scored(String candidate, int score) {
        }
        List<Scored> scored = new ArrayList<>();
        for (String candidate : candidates) {
            int distance = distance(typed, candidate.toLowerCase(Locale.ROOT));
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

    /** optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
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
