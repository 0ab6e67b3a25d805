package dev.llmos.fleet;

import java.util.List;
import java.util.Map;

/**
 * writes the yaml of a playbook: block maps and lists, every string double-quoted with escapes.
 * a string that came from a plan is written {@code !unsafe}, so ansible never runs it through
 * jinja: a plan saying <code>{{ lookup('pipe', 'id') }}</code> is text on the host, not a command on
 * the controller. what cannot drive a terminal or hide from a reviewer (controls, bidi overrides,
 * line and paragraph separators, byte-order marks, non-characters) is escaped, so the file reads as
 * what it does. pure; a value it does not know is a bug in the caller.
 */
final class Yaml {
    /** a string from a plan: ansible takes it as it is, never as a template. */
    record Unsafe(String text) {
    }

    private Yaml() {
    }

    /** a yaml document: the top-level list (the plays). */
    static String document(List<?> plays, List<String> comments) {
        StringBuilder out = new StringBuilder("---\n");
        for (String comment : comments) {
            out.append("# ").append(escape(comment)).append('\n');
        }
        list(out, plays, 0);
        return out.toString();
    }

    private static void list(StringBuilder out, List<?> items, int indent) {
        for (Object item : items) {
            out.append(" ".repeat(indent)).append("- ");
            if (item instanceof Map<?, ?> map && !map.isEmpty()) {
                map(out, map, indent + 2, true);
            } else if (item instanceof List<?>) {
                throw new IllegalArgumentException("a list directly in a list");
            } else {
                out.append(flow(item)).append('\n');
            }
        }
    }

    private static void map(StringBuilder out, Map<?, ?> map, int indent, boolean firstOnLine) {
        boolean first = true;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(first && firstOnLine)) {
                out.append(" ".repeat(indent));
            }
            first = false;
            out.append(key(entry.getKey())).append(':');
            Object value = entry.getValue();
            if (value instanceof Map<?, ?> nested && !nested.isEmpty()) {
                out.append('\n');
                map(out, nested, indent + 2, false);
            } else if (value instanceof List<?> nested && !nested.isEmpty()) {
                out.append('\n');
                list(out, nested, indent + 2);
            } else {
                out.append(' ').append(flow(value)).append('\n');
            }
        }
    }

    /** a key: only the names this module writes (module names, params, environment variable names). */
    private static String key(Object key) {
        if (!(key instanceof String name) || !isName(name)) {
            throw new IllegalArgumentException("not a key this writer takes: " + key);
        }
        return name;
    }

    /** letters, digits, '_' and '.', not starting with a digit or '.'. */
    static boolean isName(String name) {
        if (name.isEmpty() || Character.isDigit(name.charAt(0)) || name.charAt(0) == '.') {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static String flow(Object value) {
        return switch (value) {
            case Unsafe unsafe -> "!unsafe " + quoted(unsafe.text());
            case String text -> quoted(text);
            case Boolean bool -> bool.toString();
            case Integer number -> number.toString();
            case Long number -> number.toString();
            case Map<?, ?> map when map.isEmpty() -> "{}";
            case List<?> list when list.isEmpty() -> "[]";
            case null, default -> throw new IllegalArgumentException("not a value this writer takes: " + value);
        };
    }

    private static String quoted(String text) {
        return '"' + escape(text).replace("\"", "\\\"") + '"';
    }

    /**
     * the text with backslashes doubled and everything a reader could not see escaped, as yaml's
     * double-quoted scalars take escapes (pyyaml reads them): {@code \n}, {@code \t}, {@code \xNN}, and
     * backslash-u with four hex digits. a lone surrogate has no yaml form at all.
     */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
                continue;
            }
            if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException("a lone surrogate (\\u" + hex(c, 4) + ") has no yaml form");
            }
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (hidden(c)) {
                        out.append(c < 0x100 ? "\\x" + hex(c, 2) : "\\u" + hex(c, 4));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** a character a reviewer would not see as itself, or that yaml does not allow unescaped. */
    private static boolean hidden(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0xa0) || c == 0xad
                || c == 0x200b || c == 0x200c || c == 0x200d || c == 0x200e || c == 0x200f
                || (c >= 0x2028 && c <= 0x202e) || (c >= 0x2060 && c <= 0x2069)
                || c == 0xfeff || c == 0xfffe || c == 0xffff;
    }

    private static String hex(char c, int digits) {
        String hex = Integer.toHexString(c);
        return "0".repeat(digits - hex.length()) + hex;
    }
}
