package dev.llmos.policy;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.text.Normalizer;

/**
 * the lexical half of path checking: a pure function from the text a client sent to a normal
 * absolute path, or a refusal that says why.
 *
 * <p>it rejects what could make a human, a preview or a prefix rule see a different path than
 * the kernel: relative paths, nul, control characters, {@code ..} segments, names ending in a dot
 * or a space, unicode look-alikes of {@code /}, {@code \} and {@code .} (for example
 * {@code U+2215}, {@code U+FF0F}, {@code U+2044}, {@code U+2024}, {@code U+FF0E}), invisible and
 * direction-changing characters, broken utf-16, and names not in unicode normalization form c.
 * it removes {@code .} segments, repeated slashes and a trailing slash.
 *
 * <p>{@code ..} is refused rather than folded: folding it lexically can disagree with the kernel
 * when a symlink precedes it ({@code /a/link/../b}). symlinks are not resolved here: the daemon
 * resolves every path param as the caller would (realpath with the caller's permissions, or the
 * parent's realpath plus the last name for a path that does not exist yet), checks the result
 * with this class again, and passes it in {@link PolicyInput#paths()}; the executor re-checks at
 * execution time that the path still resolves to what policy approved.
 */
public final class LexicalPaths {
    private LexicalPaths() {
    }

    /**
     * checks and normalizes {@code raw}.
     *
     * @throws InvalidPathException naming the reason and the index of the offending character
     */
    public static Path check(String raw) {
        if (raw == null || raw.isEmpty()) {
            throw new InvalidPathException(String.valueOf(raw), "the path is empty");
        }
        for (int i = 0; i < raw.length(); i++) {
            String problem = problem(raw, i);
            if (problem != null) {
                throw new InvalidPathException(printable(raw), problem, i);
            }
        }
        if (raw.charAt(0) != '/') {
            throw new InvalidPathException(raw, "the path is relative; give an absolute path starting with /", 0);
        }
        if (!Normalizer.isNormalized(raw, Normalizer.Form.NFC)) {
            throw new InvalidPathException(raw, "the path is not in unicode normalization form c (nfc)");
        }
        return Path.of(normalize(raw));
    }

    private static String normalize(String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        int start = 0;
        while (start < raw.length()) {
            int end = raw.indexOf('/', start);
            end = end < 0 ? raw.length() : end;
            String name = raw.substring(start, end);
            if (name.equals("..")) {
                throw new InvalidPathException(raw, "'..' is not allowed; give the path without it", start);
            }
            if (!name.isEmpty() && !name.equals(".")) {
                char last = name.charAt(name.length() - 1);
                if (last == '.' || last == ' ') {
                    throw new InvalidPathException(raw, "the name '" + name
                            + "' ends with a " + (last == '.' ? "dot" : "space")
                            + ", which reads as a different name", end - 1);
                }
                out.append('/').append(name);
            }
            start = end + 1;
        }
        return out.isEmpty() ? "/" : out.toString();
    }

    /** why the character at {@code i} is refused, or null when it is fine. */
    private static String problem(String raw, int i) {
        char c = raw.charAt(i);
        if (c == 0) {
            return "the path contains a nul character";
        }
        if (c < 0x20 || (c >= 0x7f && c < 0xa0)) {
            return "the path contains the control character " + codePoint(c);
        }
        if (Character.isHighSurrogate(c)) {
            return i + 1 < raw.length() && Character.isLowSurrogate(raw.charAt(i + 1))
                    ? null : "the path contains a broken utf-16 surrogate";
        }
        if (Character.isLowSurrogate(c)) {
            return i > 0 && Character.isHighSurrogate(raw.charAt(i - 1))
                    ? null : "the path contains a broken utf-16 surrogate";
        }
        return switch (c) {
            case '\u2215', '\u2044', '\uff0f', '\u29f8', '\u2571', '\u27cb', '\u1735', '\u3033', '\u2f03',
                 '\u2216', '\u29f5', '\u29f9', '\ufe68', '\uff3c', '\u2572', '\u27cd' ->
                    "the path contains " + codePoint(c) + ", a look-alike of a slash or backslash";
            case '\u2024', '\uff0e', '\ufe52', '\u0701', '\u0702', '\ua4f8' ->
                    "the path contains " + codePoint(c) + ", a look-alike of a dot";
            case '\u200b', '\u200c', '\u200d', '\u200e', '\u200f', '\u2060', '\ufeff', '\u00ad',
                 '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069' ->
                    "the path contains " + codePoint(c) + ", an invisible or direction-changing character";
            default -> null;
        };
    }

    private static String codePoint(char c) {
        return String.format("U+%04X", (int) c);
    }

    /** the input with control characters shown as code points, so messages stay one safe line. */
    private static String printable(String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        raw.chars().forEach(c -> {
            if (c < 0x20 || (c >= 0x7f && c < 0xa0)) {
                out.append(codePoint((char) c));
            } else {
                out.append((char) c);
            }
        });
        return out.toString();
    }
}
