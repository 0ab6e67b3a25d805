package dev.llmos.posix;

import java.io.IOException;
import java.util.List;

/**
 * walks a directory tree through descriptors, depth first: each directory is opened relative to
 * its parent's descriptor without following a symlink ({@code O_NOFOLLOW | O_DIRECTORY}) and
 * entered only when it is still the object that was listed (same device and inode), so renaming
 * or swapping anything in the tree while it is walked can never lead the walk outside it. symlinks
 * are reported, never followed; nothing is opened for reading.
 */
public final class Walk {
    /** directories deeper than this below the start are not entered (the walk holds one descriptor per level). */
    public static final int MAX_DEPTH = 256;

    /** what a walk reports to. */
    public interface Visitor {
        /**
         * one entry {@code name} of the directory {@code dir}, {@code depth} levels below the start
         * (1 for the start's own entries). return true to enter a directory.
         */
        boolean entry(Fd dir, String name, FileStat stat, int depth) throws IOException;

        /** the directory {@code name} in {@code dir} is done (its entries were all reported). */
        default void left(Fd dir, String name, FileStat stat, int depth) throws IOException {
        }

        /** an entry that could not be examined or entered ({@code e} says why); the walk goes on. */
        default void failed(Fd dir, String name, Exception e) {
        }

        /** true to end the walk early (a budget spent, a client that cancelled). */
        default boolean stopped() {
            return false;
        }
    }

    private Walk() {
    }

    /** walks everything below the directory {@code start} (not {@code start} itself). */
    public static void walk(Fd start, Visitor visitor) throws IOException {
        walk(start, visitor, 1);
    }

    private static void walk(Fd dir, Visitor visitor, int depth) throws IOException {
        List<String> names = dir.list();
        names.sort(null);
        for (String name : names) {
            if (visitor.stopped()) {
                return;
            }
            FileStat stat;
            try {
                var present = dir.statAt(name);
                if (present.isEmpty()) {
                    // removed since the directory was read
                    continue;
                }
                stat = present.get();
            } catch (PosixException e) {
                visitor.failed(dir, name, e);
                continue;
            }
            if (!visitor.entry(dir, name, stat, depth) || !stat.isDirectory()) {
                continue;
            }
            if (depth >= MAX_DEPTH) {
                visitor.failed(dir, name, new PosixException(name, PosixException.ELOOP));
                continue;
            }
            try (Fd child = dir.directoryAt(name)) {
                if (!child.stat().id().equals(stat.id())) {
                    visitor.failed(dir, name, new IOException("changed while it was walked"));
                    continue;
                }
                walk(child, visitor, depth + 1);
                visitor.left(dir, name, stat, depth);
            } catch (PosixException e) {
                visitor.failed(dir, name, e);
            } catch (IOException e) {
                visitor.failed(dir, name, e);
            }
        }
    }
}
