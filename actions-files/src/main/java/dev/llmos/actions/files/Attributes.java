package dev.llmos.actions.files;

import dev.llmos.action.Caller;
import dev.llmos.posix.Fd;
import dev.llmos.posix.FileStat;
import dev.llmos.posix.Posix;
import dev.llmos.posix.PosixException;
import java.io.IOException;

/**
 * owner, permission bits and times of one held object, never of what a symlink points to; and the
 * rule that keeps root from changing a hard-linked file in place.
 */
final class Attributes {
    private Attributes() {
    }

    /** chown through the descriptor, only when the owner or group differ: a needless chown can fail for non-root. */
    static void owner(Fd self, FileStat now, int uid, int gid) throws PosixException {
        if (now.uid() != uid || now.gid() != gid) {
            self.chown(now.uid() == uid ? -1 : uid, now.gid() == gid ? -1 : gid);
        }
    }

    /** whether the caller may set the times of an object: only its owner, or root, may. */
    static boolean timesSettable(Caller caller, FileStat stat) {
        return caller.isRoot() || stat.uid() == caller.uid();
    }

    /** the access and modification times of {@code entry}; of the link itself for a symlink. */
    static void times(Entry entry, long atimeNanos, long mtimeNanos) throws PosixException {
        if (entry.stat().isSymlink()) {
            entry.dir().setTimesAt(entry.name(), atimeNanos, mtimeNanos);
        } else {
            entry.self().setTimes(atimeNanos, mtimeNanos);
        }
    }

    /**
     * gives {@code target} (an object this action just made) what {@code source} describes: owner
     * and group, times, then permission bits (never on a symlink), in the order that works for
     * non-root callers (chown clears setuid bits).
     */
    static void apply(Entry target, FileStat source) throws PosixException {
        owner(target.self(), target.stat(), source.uid(), source.gid());
        times(target, source.atimeNanos(), source.mtimeNanos());
        if (!source.isSymlink()) {
            target.self().chmod(source.permissions());
        }
    }

    /**
     * refuses, when this process is root, to change in place (rewrite, chmod) a non-directory with
     * more than one hard link: policy decided on the one name it was given, and another of the
     * object's names may be protected. without root the kernel checks the caller against the object
     * itself, so the change is whatever the caller may do anyway.
     */
    static void refuseHardLinked(FileStat stat, String path, String what) throws IOException {
        if (Posix.getuid() == 0 && !stat.isDirectory() && stat.nlink() > 1) {
            throw FileFailure.refused("refusing to " + what + " " + path + " in place as root: it has "
                    + stat.nlink() + " hard links, and its other names (which policy did not decide on) would "
                    + "change too");
        }
    }
}
