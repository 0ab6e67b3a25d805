package dev.llmos.modeld;

/**
 * makes a string pattern's repetitions finite. llama.cpp turns a string schema with a
 * {@code pattern} into the pattern's grammar and ignores its {@code maxLength}, so {@code ^[a-z]+$}
 * would let a model write letters until its token budget runs out and the json is cut off. here every
 * open repetition ({@code *}, {@code +}, {@code {n,}}) outside a character class gets the string's
 * {@code maxLength} as its upper bound: what the bounded pattern accepts the original accepts too, and
 * every value of at most {@code maxLength} characters the original accepts is still accepted (each
 * repetition of a non-empty part within such a value repeats at most that many times). nested
 * repetitions can still exceed {@code maxLength}; the caller's validation catches that, but decoding
 * always ends.
 */
final class PatternBounds {
    private PatternBounds() {
    }

    static String bound(String pattern, int max) {
        StringBuilder out = new StringBuilder(pattern.length() + 16);
        boolean inClass = false;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                out.append(c).append(pattern.charAt(++i));
                continue;
            }
            if (inClass) {
                inClass = c != ']';
                out.append(c);
                continue;
            }
            switch (c) {
                case '[' -> {
                    inClass = true;
                    out.append(c);
                    // a ] right after [ or [^ is a literal member, not the end
                    if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '^') {
                        out.append(pattern.charAt(++i));
                    }
                    if (i + 1 < pattern.length() && pattern.charAt(i + 1) == ']') {
                        out.append(pattern.charAt(++i));
                    }
                }
                case '*' -> out.append("{0,").append(max).append('}');
                case '+' -> out.append("{1,").append(max).append('}');
                case '{' -> {
                    int close = pattern.indexOf('}', i);
                    String inside = close < 0 ? "" : pattern.substring(i + 1, close);
                    if (inside.matches("\\d+,")) {
                        int min = Integer.parseInt(inside.substring(0, inside.length() - 1));
                        out.append('{').append(min).append(',').append(Math.max(min, max)).append('}');
                        i = close;
                    } else {
                        out.append(c);
                    }
                }
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
