package dev.llmos.actions.system.support;

import dev.llmos.posix.FileStat;
import dev.llmos.posix.FileType;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.TimeUnit;

/**
 * what statx(2) said about one object, never following a final symlink, in this module's terms.
 * internal to this module.
 *
 * @param mode the full {@code st_mode}, type bits included
 * @param symlinkTarget the link's target as stored, null unless a readable symlink
 */
public record FileInfo(FileType type, long size, int mode, int uid, int gid, long inode, int links, long device,
        FileTime atime, FileTime mtime, FileTime ctime, String symlinkTarget) {
    /** the info of {@code stat}, with the target text of a symlink (or null). */
    public static FileInfo of(FileStat stat, String symlinkTarget) {
        return new FileInfo(FileType.ofMode(stat.mode()), stat.size(), stat.mode(), stat.uid(), stat.gid(),
                stat.id().ino(), (int) stat.nlink(), stat.id().dev(), time(stat.atimeNanos()), time(stat.mtimeNanos()),
                time(stat.ctimeNanos()), stat.isSymlink() ? symlinkTarget : null);
    }

    private static FileTime time(long nanos) {
        return FileTime.from(nanos, TimeUnit.NANOSECONDS);
    }

    /** the permission bits (with setuid, setgid and sticky) as four octal digits, like {@code 0644}. */
    public String modeOctal() {
        return String.format("%04o", mode & 07777);
    }
}
