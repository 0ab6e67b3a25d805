package dev.llmos.planner;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * one whitespace-separated piece of a request, or one quoted string.
 *
 * @param raw as typed, with its quotes and surrounding punctuation
 * @param text the content: inside the quotes, or without surrounding punctuation
 * @param quoted true for a quoted string
 */
record Token(String raw, String text, boolean quoted) {
    private static final Pattern FILE_NAME = Pattern.compile("[\\w@%+-][\\w.@%+-]*\\.[A-Za-z][A-Za-z0-9]{0,7}");
    /** abbreviations people write in prose ("i.e.", "e.g."), never a file name. */
    private static final Set<String> ABBREVIATIONS = Set.of("i.e", "e.g", "a.k.a", "i.e.", "e.g.", "a.k.a.");

    /** the lowercase text, for matching against words. */
    String word() {
        return text.toLowerCase(Locale.ROOT);
    }

    /** true when the token is a value rather than a word: a quoted string or a path. */
    boolean value() {
        return quoted || path();
    }

    /**
     * true when the text names a filesystem path: it starts with {@code /}, {@code ~} or {@code ./},
     * is {@code .} or {@code ..}, is a file name with an extension (not an abbreviation such as
     * "i.e."), or is quoted and holds a slash.
     */
    boolean path() {
        if (text.isEmpty() || text.contains("://") || !quoted && ABBREVIATIONS.contains(word())) {
            return false;
        }
        return text.startsWith("/") || text.startsWith("~") || text.startsWith("./") || text.startsWith("../")
                || text.equals(".") || text.equals("..") || FILE_NAME.matcher(text).matches()
                || quoted && text.contains("/");
    }
}
