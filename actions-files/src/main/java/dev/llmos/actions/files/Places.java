package dev.llmos.actions.files;

import dev.llmos.action.ActionException;
import dev.llmos.posix.Fd;
import dev.llmos.posix.FileId;
import dev.llmos.posix.PosixException;
import dev.llmos.posix.ResolvedPath;

/** paths as text for messages and records, and where a resolved path lies. */
final class Places {
    /** how far up {@link #within} climbs at most: deeper than any real tree. */
    private static final int MAX_DEPTH = 4096;

    private Places() {
    }

    /** the path of {@code name} in the directory {@code dir}. */
    static String child(String dir, String name) {
        return dir.endsWith("/") ? dir + name : dir + "/" + name;
    }

    /** the directory part of an absolute path ({@code /} for {@code /x} and for {@code /}). */
    static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }

    /** the path of the first name of {@code resolved} that does not exist: where a creation starts. */
    static String firstMissing(ResolvedPath resolved) {
        String path = resolved.path();
        for (int i = 1; i < resolved.missing().size(); i++) {
            path = parent(path);
        }
        return path;
    }

    /** refuses a missing path whose directory does not exist either. */
    static void requireParent(ResolvedPath resolved, String hint) throws ActionException {
        if (resolved.missing().size() > 1) {
            throw new ActionException("no such file or directory: " + firstMissing(resolved) + hint);
        }
    }

    /**
     * true when the directory {@code dir} is the object {@code ancestor} or lies below it, found by
     * climbing {@code ..} from the held directory (so a name changed meanwhile cannot hide it).
     */
    static boolean within(Fd dir, FileId ancestor) throws PosixException {
        if (dir.stat().id().equals(ancestor)) {
            return true;
        }
        Fd current = dir.parent();
        try {
            for (int i = 0; i < MAX_DEPTH; i++) {
                FileId id = current.stat().id();
                if (id.equals(ancestor)) {
                    return true;
                }
                Fd up = current.parent();
                if (up.stat().id().equals(id)) {
                    up.close();
                    return false;
                }
                current.close();
                current = up;
            }
            return false;
        } finally {
            current.close();
        }
    }
}
