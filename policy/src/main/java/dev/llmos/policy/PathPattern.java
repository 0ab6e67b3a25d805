package dev.llmos.policy;

import java.nio.file.InvalidPathException;
import java.util.ArrayList;
import java.util.List;

/**
 * a pattern over resolved absolute paths. it matches a path when it matches the path itself or
 * any directory containing it, so a plain {@code /srv/data} covers that whole tree. a segment may
 * use {@code *} and {@code ?} within one name, and a whole segment {@code **} spans any number of
 * names. a leading {@code ~} stands for the caller's home directory.
 */
final class PathPattern {
    private static final String ANY_DEPTH = "**";

    private final String text;
    private final boolean homeRelative;
    /** the absolute part (or the part after {@code ~}) without wildcards, or null. */
    private final String literal;
    private final String[] segments;

    private PathPattern(String text, boolean homeRelative, String literal, String[] segments) {
        this.text = text;
        this.homeRelative = homeRelative;
        this.literal = literal;
        this.segments = segments;
    }

    /**
     * compiles {@code text}.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    static PathPattern compile(String text) {
        boolean homeRelative = text.startsWith("~");
        String rest = homeRelative ? text.substring(1) : text;
        if (homeRelative && !rest.isEmpty() && !rest.startsWith("/")) {
            throw new IllegalArgumentException("'~' must be followed by '/' or nothing: " + text);
        }
        String normal;
        try {
            normal = LexicalPaths.check(rest.isEmpty() ? "/" : rest).toString();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(e.getReason() + ": " + text);
        }
        String body = normal.equals("/") ? "" : normal;
        List<String> segments = new ArrayList<>();
        for (String segment : body.isEmpty() ? new String[0] : body.substring(1).split("/")) {
            if (segment.contains(ANY_DEPTH) && !segment.equals(ANY_DEPTH)) {
                throw new IllegalArgumentException("'**' must be a whole path segment: " + text);
            }
            segments.add(segment);
        }
        String literal = Glob.hasWildcard(body) ? null : body;
        return new PathPattern(text, homeRelative, literal, segments.toArray(String[]::new));
    }

    /** whether this matches {@code path} (absolute, normal) for a caller whose home is {@code home}. */
    boolean matches(String path, String home) {
        int start = 0;
        if (homeRelative) {
            if (home == null || !within(path, home, 0)) {
                return false;
            }
            start = home.length();
        }
        if (literal != null) {
            return within(path, literal, start);
        }
        return matchSegments(path, start == path.length() ? start : start + 1);
    }

    /** whether {@code path}, from {@code start}, is {@code prefix} or lies beneath it. */
    private static boolean within(String path, String prefix, int start) {
        if (prefix.isEmpty()) {
            return true;
        }
        int end = start + prefix.length();
        return path.startsWith(prefix, start) && (end == path.length() || path.charAt(end) == '/');
    }

    /**
     * matches the segments against the names of {@code path} starting at index {@code from}; a
     * pattern that runs out first has matched a containing directory. greedy with one backtrack
     * point at the last {@code **}, like {@link Glob#matches(String, String, int, int)} one level up.
     */
    private boolean matchSegments(String path, int from) {
        int end = path.length();
        int p = 0;
        int t = from;
        int star = -1;
        int mark = from;
        while (p < segments.length) {
            if (segments[p].equals(ANY_DEPTH)) {
                star = p++;
                mark = t;
                continue;
            }
            if (t < end) {
                int next = nameEnd(path, t);
                if (Glob.matches(segments[p], path, t, next)) {
                    p++;
                    t = next < end ? next + 1 : end;
                    continue;
                }
            }
            if (star < 0 || mark >= end) {
                return false;
            }
            int next = nameEnd(path, mark);
            mark = next < end ? next + 1 : end;
            p = star + 1;
            t = mark;
        }
        return true;
    }

    private static int nameEnd(String path, int from) {
        int slash = path.indexOf('/', from);
        return slash < 0 ? path.length() : slash;
    }

    @Override
    public String toString() {
        return text;
    }
}
