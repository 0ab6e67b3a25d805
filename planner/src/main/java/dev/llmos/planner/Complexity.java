package dev.llmos.planner;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * whether a request needs more than the router's one-step plans: several steps in sequence ("make a
 * folder and then copy..."), or analysis ("why did the backup fail", "look through the logs"). a pure
 * function of the text, so the same request always takes the same route.
 */
final class Complexity {
    private static final Pattern SEQUENCE = Pattern.compile(
            "\\b(and then|then|after that|afterwards|followed by|once (that|it) is done|first\\b.*\\bthen)\\b|;");
    private static final List<String> ANALYSIS = List.of("why ", "analy", "explain", "diagnos", "troubleshoot",
            "figure out", "what went wrong", "root cause", "investigate", "summari", "compare");

    private Complexity() {
    }

    /** true when {@code text} asks for several steps or for analysis. */
    public static boolean isComplex(String text) {
        String lower = " " + text.toLowerCase(Locale.ROOT).strip() + " ";
        if (SEQUENCE.matcher(lower).find()) {
            return true;
        }
        return ANALYSIS.stream().anyMatch(lower::contains);
    }
}
