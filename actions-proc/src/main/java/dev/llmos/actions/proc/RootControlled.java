package dev.llmos.actions.proc;

import dev.llmos.action.ActionException;
import dev.llmos.posix.Fd;
import dev.llmos.posix.FileStat;
import dev.llmos.posix.PosixException;
import dev.llmos.posix.ResolvedPath;

/**
 * what a run as root may use: only objects that nobody but root can change, the object itself and
 * every directory above it owned by root and writable by no one else. otherwise whoever controls
 * one of them decides what root runs (a script rewritten, a directory swapped after the decision).
 */
final class RootControlled {
    private RootControlled() {
    }

    /** refuses {@code resolved} (named {@code what} in the message) unless only root can change it or its directories. */
    static void require(ResolvedPath resolved, String what) throws ActionException {
        try {
            check(resolved.path(), resolved.requireStat());
            FileStat up = resolved.parentStat();
            Fd current = resolved.parent().parent();
            String where = parentOf(resolved.path());
            try {
                while (true) {
                    check(where, up);
                    FileStat next = current.stat();
                    if (next.id().equals(up.id())) {
                        return;
                    }
                    up = next;
                    where = parentOf(where);
                    Fd parent = current.parent();
                    current.close();
                    current = parent;
                }
            } finally {
                current.close();
            }
        } catch (PosixException e) {
            throw new ActionException("cannot check " + what + " " + resolved.path() + ": " + e.reason());
        } catch (IllegalStateException e) {
            throw new ActionException("a run as root refuses " + what + " " + resolved.path() + ": " + e.getMessage());
        }
    }

    private static void check(String path, FileStat stat) {
        if (stat.uid() != 0) {
            throw new IllegalStateException(path + " is owned by uid " + stat.uid() + ", not root");
        }
        if (stat.writableByOthers() && !(stat.isDirectory() && (stat.mode() & 01000) != 0 && path.equals("/"))) {
            throw new IllegalStateException(path + " is writable by its group or others (mode "
                    + String.format("%04o", stat.permissions()) + ")");
        }
    }

    private static String parentOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }
}
