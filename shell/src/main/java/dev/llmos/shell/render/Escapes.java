package dev.llmos.shell.render;

/**
 * makes text from the daemon safe for a terminal: control characters (c0 but newline and tab,
 * del, c1), unicode bidi controls and lone surrogates become visible escapes, so a file name
 * with an escape sequence, a carriage return or a right-to-left override can neither drive the
 * terminal nor disguise itself. {@code --json} output is never passed through here.
 */
public final class Escapes {
    private Escapes() {
    }

    /** text for a block of lines: newlines and tabs stay, every other control is escaped. */
    public static String block(String text) {
        return escape(text, false);
    }

    /** text for one line (a table cell, a {@code key: value}): newlines and tabs are escaped too. */
    public static String inline(String text) {
        return escape(text, true);
    }

    /** whether {@code c} is shown as an escape in block text. */
    static boolean unsafe(char c) {
        return (c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7f && c <= 0x9f) || c == 0x061c || c == 0x200e
                || c == 0x200f || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || Character.isSurrogate(c);
    }

    private static String escape(String text, boolean inline) {
        int first = firstUnsafe(text, inline);
        if (first < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 8).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else if (unsafe(c) || (inline && (c == '\n' || c == '\t'))) {
                out.append(name(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static int firstUnsafe(String text, boolean inline) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (unsafe(c) || (inline && (c == '\n' || c == '\t'))) {
                return i;
            }
        }
        return -1;
    }

    private static String name(char c) {
        return switch (c) {
            case '\n' -> "\\n";
            case '\t' -> "\\t";
            case '\r' -> "\\r";
            case 0x07 -> "\\a";
            case '\b' -> "\\b";
            case 0x1b -> "\\e";
            default -> c < 0x100 ? "\\x" + hex(c, 2) : "\\u" + hex(c, 4);
        };
    }

    private static String hex(char c, int digits) {
        String hex = Integer.toHexString(c);
        return "0".repeat(Math.max(0, digits - hex.length())) + hex;
    }
}
