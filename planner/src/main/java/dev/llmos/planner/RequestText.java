package dev.llmos.planner;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * how the planner reads a request: split into tokens (quoted strings kept whole), normalized for
 * caching, and with its slot values masked for routing. pure functions.
 */
final class RequestText {
    /** what a quoted string that is not a path becomes for the router: slot values carry no intent. */
    static final String TEXT = "text";

    private static final Map<Character, Character> QUOTES =
            Map.of('"', '"', '\'', '\'', '`', '`', '\u201c', '\u201d', '\u2018', '\u2019');
    private static final String CLOSERS = ",.;:!?)]}";
    private static final String LEADING_PUNCTUATION = "([{<\"'`";
    private static final String TRAILING_PUNCTUATION = ")]}>,;:!?\"'`";
    private static final String SENTENCE_EDGES = "?!,;:";

    private RequestText() {
    }

    static List<Token> tokens(String text) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            if (Character.isWhitespace(text.charAt(i))) {
                i++;
                continue;
            }
            int close = closingQuote(text, i);
            if (close > 0) {
                tokens.add(new Token(text.substring(i, close + 1), text.substring(i + 1, close), true));
                i = close + 1;
                continue;
            }
            int end = i;
            while (end < n && !Character.isWhitespace(text.charAt(end))) {
                end++;
            }
            String raw = text.substring(i, end);
            String trimmed = trim(raw);
            if (!trimmed.isEmpty()) {
                tokens.add(new Token(raw, trimmed, false));
            }
            i = end;
        }
        return tokens;
    }

    /**
     * the cache key form of a request: whitespace collapsed, punctuation at either end dropped, and
     * lowercased where case cannot matter. a token keeps its case when it holds a path, a file name or
     * a capital after its first letter (e.g. {@code NetworkManager}), and quoted strings are kept as
     * typed, so two requests with the same normalized text always get the same plan.
     */
    static String normalize(String text) {
        StringBuilder out = new StringBuilder();
        for (Token token : tokens(text)) {
            if (!out.isEmpty()) {
                out.append(' ');
            }
            out.append(token.quoted() || !caseFree(token.text()) ? token.raw() : token.raw().toLowerCase(Locale.ROOT));
        }
        return trimEdges(out.toString());
    }

    /**
     * which tokens are a remark in parentheses ("search packages by name only (supports wildcards like *)",
     * "(use tzselect(1) to find it)", "(-d to make directory)"): a remark of two words or more says something
     * about the request, not what it asks. a remark holding a path or a quoted string is not one ("list the
     * notes (~/notes)").
     */
    static boolean[] remarks(List<Token> tokens) {
        boolean[] remark = new boolean[tokens.size()];
        int start = -1;
        int depth = 0;
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            if (token.quoted()) {
                continue;
            }
            String raw = token.raw();
            if (depth == 0 && raw.startsWith("(")) {
                start = i;
            }
            depth += count(raw, '(') - count(raw, ')');
            if (depth <= 0 && start >= 0) {
                depth = 0;
                if (i > start && tokens.subList(start, i + 1).stream().noneMatch(Token::value)) {
                    for (int k = start; k <= i; k++) {
                        remark[k] = true;
                    }
                }
                start = -1;
            }
        }
        return remark;
    }

    /** the tokens without their remarks ({@link #remarks}); all of them when nothing else is left. */
    static List<Token> withoutRemarks(List<Token> tokens) {
        boolean[] remark = remarks(tokens);
        List<Token> kept = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            if (!remark[i]) {
                kept.add(tokens.get(i));
            }
        }
        return kept.isEmpty() ? tokens : kept;
    }

    private static int count(String text, char c) {
        return (int) text.chars().filter(ch -> ch == c).count();
    }

    /** the text the router embeds: paths by their {@link PathShape}, other quoted strings by one word. */
    static String masked(List<Token> tokens) {
        return masked(tokens, PathShape::of);
    }

    /** the text the router embeds, with {@code shape} naming what each typed path is. */
    static String masked(List<Token> tokens, Function<String, String> shape) {
        StringBuilder out = new StringBuilder();
        for (Token token : tokens) {
            if (!out.isEmpty()) {
                out.append(' ');
            }
            out.append(token.path() ? shape.apply(token.text()) : token.quoted() ? TEXT : token.raw().toLowerCase(Locale.ROOT));
        }
        return out.toString();
    }

    private static boolean caseFree(String text) {
        if (text.indexOf('/') >= 0 || text.indexOf('~') >= 0 || text.indexOf('.') >= 0) {
            return false;
        }
        for (int i = 1; i < text.length(); i++) {
            if (Character.isUpperCase(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** the index of the quote closing one opened at {@code start}, or -1 when it is not a quoted string. */
    private static int closingQuote(String text, int start) {
        Character closer = QUOTES.get(text.charAt(start));
        if (closer == null) {
            return -1;
        }
        int close = text.indexOf(closer, start + 1);
        while (close > 0) {
            boolean atEnd = close + 1 == text.length();
            if (close > start + 1 && (atEnd || Character.isWhitespace(text.charAt(close + 1))
                    || CLOSERS.indexOf(text.charAt(close + 1)) >= 0)) {
                return close;
            }
            close = text.indexOf(closer, close + 1);
        }
        return -1;
    }

    /** drops punctuation around a token, keeping the dots that are part of a path. */
    private static String trim(String raw) {
        int from = 0;
        int to = raw.length();
        while (from < to && LEADING_PUNCTUATION.indexOf(raw.charAt(from)) >= 0) {
            from++;
        }
        while (to > from && TRAILING_PUNCTUATION.indexOf(raw.charAt(to - 1)) >= 0) {
            to--;
        }
        String text = raw.substring(from, to);
        if (keepsFinalDot(text)) {
            return text;
        }
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == '.') {
            end--;
        }
        return text.substring(0, end);
    }

    private static boolean keepsFinalDot(String text) {
        return text.equals(".") || text.equals("..") || text.endsWith("/.") || text.endsWith("/..");
    }

    private static String lastWord(String text) {
        return text.substring(text.lastIndexOf(' ') + 1);
    }

    /** drops sentence punctuation at either end, and final dots unless they are a path's ({@code ls ..}). */
    private static String trimEdges(String text) {
        int from = 0;
        while (from < text.length() && SENTENCE_EDGES.indexOf(text.charAt(from)) >= 0) {
            from++;
        }
        String trimmed = stripEnd(text.substring(from), SENTENCE_EDGES);
        if (!keepsFinalDot(lastWord(trimmed))) {
            trimmed = stripEnd(trimmed, SENTENCE_EDGES + ".");
        }
        return trimmed.strip();
    }

    private static String stripEnd(String text, String characters) {
        int to = text.length();
        while (to > 0 && (characters.indexOf(text.charAt(to - 1)) >= 0 || Character.isWhitespace(text.charAt(to - 1)))) {
            to--;
        }
        return text.substring(0, to);
    }
}
