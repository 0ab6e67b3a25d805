package dev.llmos.actions.files;

import dev.llmos.action.Caller;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;

/**
 * sets owner, permission bits and times of one entry, never following a final symlink.
 *
 * <p>the jdk sets times through a descriptor it opens for reading, so times go on before
 * permission bits that could deny the caller that read; {@link #apply} keeps that order.
 */
final class Attributes {
    private Attributes() {
    }

    /** lchown(2), only when the owner or group differ: a needless chown can fail for non-root. */
    static void owner(Path path, Stat now, int uid, int gid) throws IOException {
        if (now.uid() != uid) {
            Files.setAttribute(path, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
        }
        if (now.gid() != gid) {
            Files.setAttribute(path, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
        }
    }

    /**
     * chmod(2) with setuid, setgid and sticky, which {@code Files.setPosixFilePermissions} drops.
     * never call it on a symlink: it would change the target (linux has no lchmod).
     */
    static void mode(Path path, int mode) throws IOException {
        Files.setAttribute(path, "unix:mode", mode & 07777);
    }

    /** whether the caller may set the times of an entry: only its owner, or root, may. */
    static boolean timesSettable(Caller caller, Stat stat) {
        return caller.isRoot() || stat.uid() == caller.uid();
    }

    /** the modification and access times; of the link itself for a symlink. */
    static void times(Path path, FileTime mtime, FileTime atime) throws IOException {
        Files.getFileAttributeView(path, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .setTimes(mtime, atime, null);
    }

    /**
     * gives {@code path} what {@code source} describes: owner and group, times, then permission bits
     * (never on a symlink), in the order that works for non-root callers.
     */
    static void apply(Path path, Stat source) throws IOException {
        owner(path, Stat.lstat(path), source.uid(), source.gid());
        times(path, source.mtime(), source.atime());
        if (source.type() != EntryType.SYMLINK) {
            mode(path, source.mode());
        }
    }
}
