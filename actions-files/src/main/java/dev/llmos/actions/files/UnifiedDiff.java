package dev.llmos.actions.files;

import java.util.ArrayList;
import java.util.List;

/**
 * a unified diff (as diff -u prints it) of two texts, line by line, for write previews. bounded:
 * a huge middle section is shown as removed and added whole, and the output is cut at
 * {@link #MAX_CHARS}.
 */
final class UnifiedDiff {
    static final int CONTEXT = 3;
    static final int MAX_CHARS = 64 * 1024;
    /** the largest table the line matcher fills (old lines times new lines of the changed middle). */
    private static final long MAX_CELLS = 4_000_000;

    private enum Kind {
        EQUAL(' '),
        DELETE('-'),
        INSERT('+');

        private final char prefix;

        Kind(char prefix) {
            this.prefix = prefix;
        }
    }

    /** one line of the edit script, with its terminator when it has one. */
    private record Edit(Kind kind, String line) {
    }

    private UnifiedDiff() {
    }

    /** the diff, or an empty string when the texts are equal. */
    static String of(String oldName, String oldText, String newName, String newText) {
        List<Edit> edits = edits(lines(oldText), lines(newText));
        int[] oldAt = new int[edits.size() + 1];
        int[] newAt = new int[edits.size() + 1];
        for (int k = 0; k < edits.size(); k++) {
            oldAt[k + 1] = oldAt[k] + (edits.get(k).kind() != Kind.INSERT ? 1 : 0);
            newAt[k + 1] = newAt[k] + (edits.get(k).kind() != Kind.DELETE ? 1 : 0);
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < edits.size()) {
            int change = nextChange(edits, i);
            if (change < 0) {
                break;
            }
            int start = Math.max(change - CONTEXT, i);
            int end = hunkEnd(edits, change);
            if (out.isEmpty()) {
                out.append("--- ").append(oldName).append('\n').append("+++ ").append(newName).append('\n');
            }
            out.append("@@ -").append(range(oldAt[start], oldAt[end] - oldAt[start]))
                    .append(" +").append(range(newAt[start], newAt[end] - newAt[start])).append(" @@\n");
            for (Edit edit : edits.subList(start, end)) {
                out.append(edit.kind().prefix).append(edit.line());
                if (!edit.line().endsWith("\n")) {
                    out.append("\n\\ No newline at end of file\n");
                }
            }
            if (out.length() > MAX_CHARS) {
                int cut = out.lastIndexOf("\n", MAX_CHARS) + 1;
                out.setLength(cut);
                out.append("... (diff truncated)\n");
                break;
            }
            i = end;
        }
        return out.toString();
    }

    /** the text cut after each newline; a last line without one stays as it is. */
    static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        int from = 0;
        while (from < text.length()) {
            int newline = text.indexOf('\n', from);
            int to = newline < 0 ? text.length() : newline + 1;
            lines.add(text.substring(from, to));
            from = to;
        }
        return lines;
    }

    private static List<Edit> edits(List<String> a, List<String> b) {
        int prefix = 0;
        while (prefix < a.size() && prefix < b.size() && a.get(prefix).equals(b.get(prefix))) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < a.size() - prefix && suffix < b.size() - prefix
                && a.get(a.size() - 1 - suffix).equals(b.get(b.size() - 1 - suffix))) {
            suffix++;
        }
        List<Edit> edits = new ArrayList<>();
        for (int k = 0; k < prefix; k++) {
            edits.add(new Edit(Kind.EQUAL, a.get(k)));
        }
        middle(a.subList(prefix, a.size() - suffix), b.subList(prefix, b.size() - suffix), edits);
        for (int k = a.size() - suffix; k < a.size(); k++) {
            edits.add(new Edit(Kind.EQUAL, a.get(k)));
        }
        return edits;
    }

    /** the longest common subsequence of the changed middle, or all of it replaced when too big. */
    private static void middle(List<String> a, List<String> b, List<Edit> edits) {
        int n = a.size();
        int m = b.size();
        if ((long) n * m > MAX_CELLS) {
            a.forEach(line -> edits.add(new Edit(Kind.DELETE, line)));
            b.forEach(line -> edits.add(new Edit(Kind.INSERT, line)));
            return;
        }
        int[][] common = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                common[i][j] = a.get(i).equals(b.get(j)) ? common[i + 1][j + 1] + 1
                        : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a.get(i).equals(b.get(j))) {
                edits.add(new Edit(Kind.EQUAL, a.get(i++)));
                j++;
            } else if (j == m || (i < n && common[i + 1][j] >= common[i][j + 1])) {
                edits.add(new Edit(Kind.DELETE, a.get(i++)));
            } else {
                edits.add(new Edit(Kind.INSERT, b.get(j++)));
            }
        }
    }

    private static int nextChange(List<Edit> edits, int from) {
        for (int k = from; k < edits.size(); k++) {
            if (edits.get(k).kind() != Kind.EQUAL) {
                return k;
            }
        }
        return -1;
    }

    /** the end (exclusive) of the hunk holding {@code change}: changes closer than two contexts join it. */
    private static int hunkEnd(List<Edit> edits, int change) {
        int last = change;
        int k = change + 1;
        while (k < edits.size()) {
            if (edits.get(k).kind() != Kind.EQUAL) {
                last = k;
            } else if (k - last > 2 * CONTEXT) {
                break;
            }
            k++;
        }
        return Math.min(edits.size(), last + CONTEXT + 1);
    }

    /** {@code start,length} as diff -u numbers it: an empty range names the line before it. */
    private static String range(int before, int length) {
        int start = length == 0 ? before : before + 1;
        return length == 1 ? Integer.toString(start) : start + "," + length;
    }
}
