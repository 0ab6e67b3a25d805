package dev.llmos.actions.files;

import java.util.List;

/**
 * what a file action would change, for confirmation prompts and dry runs; computed with the
 * caller's privileges and changing nothing.
 *
 * @param summary one line saying it all, like {@code overwrite /etc/motd: 120 bytes -> 64 bytes}
 * @param changes the entries touched, at most {@link #LIMIT}
 * @param more how many more entries would be touched beyond those listed
 * @param diff a unified diff of the file's text (fs.write only), or null
 */
public record Preview(String summary, List<Change> changes, long more, String diff) {
    /** the most changes listed; the rest are counted in {@code more}. */
    static final int LIMIT = 50;

    public Preview {
        changes = List.copyOf(changes);
    }

    static Preview of(String summary, List<Change> changes, long more) {
        return new Preview(summary, changes, more, null);
    }

    /**
     * one entry touched.
     *
     * @param detail what happens to it, e.g. {@code 0644 -> 0600} or {@code 12 bytes}
     */
    public record Change(Op op, String path, String detail) {
    }

    /** what happens to an entry; lowercase on the wire. */
    public enum Op {
        CREATE,
        OVERWRITE,
        APPEND,
        COPY,
        MOVE,
        DELETE,
        CHMOD,
        RESTORE,
        PURGE
    }
}
