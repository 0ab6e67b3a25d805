package dev.llmos.policy;

/**
 * a wildcard pattern over names: {@code *} matches any run of characters, {@code ?} exactly
 * one, everything else itself. matching is linear in practice and never backtracks
 * exponentially, whatever the input.
 */
final class Glob {
    private final String pattern;
    private final Shape shape;
    private final String literal;

    private enum Shape { ANY, LITERAL, PREFIX, WILDCARD }

    Glob(String pattern) {
        this.pattern = pattern;
        int first = firstWildcard(pattern);
        if (pattern.equals("*")) {
            shape = Shape.ANY;
            literal = "";
        } else if (first < 0) {
            shape = Shape.LITERAL;
            literal = pattern;
        } else if (first == pattern.length() - 1 && pattern.charAt(first) == '*') {
            shape = Shape.PREFIX;
            literal = pattern.substring(0, first);
        } else {
            shape = Shape.WILDCARD;
            literal = pattern;
        }
    }

    static boolean hasWildcard(String text) {
        return firstWildcard(text) >= 0;
    }

    private static int firstWildcard(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '*' || c == '?') {
                return i;
            }
        }
        return -1;
    }

    boolean matches(String text) {
        return switch (shape) {
            case ANY -> true;
            case LITERAL -> literal.equals(text);
            case PREFIX -> text.startsWith(literal);
            case WILDCARD -> matches(pattern, text, 0, text.length());
        };
    }

    /**
     * whether {@code pattern} matches all of {@code text[from, to)}: the classic greedy wildcard
     * match with one backtrack point, o(n * m) at worst.
     */
    static boolean matches(String pattern, String text, int from, int to) {
        int p = 0;
        int t = from;
        int star = -1;
        int mark = from;
        while (t < to) {
            char c = p < pattern.length() ? pattern.charAt(p) : 0;
            if (p < pattern.length() && c != '*' && (c == '?' || c == text.charAt(t))) {
                p++;
                t++;
            } else if (p < pattern.length() && c == '*') {
                star = p++;
                mark = t;
            } else if (star >= 0) {
                p = star + 1;
                t = ++mark;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    @Override
    public String toString() {
        return pattern;
    }
}
