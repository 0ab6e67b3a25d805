package dev.llmos.actions.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Optional;

/**
 * what stat(2) says about a path, with the permission bits apart from the type bits.
 *
 * @param mode the permission bits with setuid, setgid and sticky ({@code st_mode & 07777})
 * @param links the number of hard links
 */
record Stat(EntryType type, long size, int mode, int uid, int gid, long device, long inode, int links,
        FileTime atime, FileTime mtime) {
    /** only these: asking for {@code unix:*} would also resolve owner names through the jdk. */
    private static final String ATTRIBUTES = "unix:mode,size,uid,gid,dev,ino,nlink,lastAccessTime,lastModifiedTime";

    /** lstat(2): a final symlink is described, not followed. */
    static Stat lstat(Path path) throws IOException {
        return read(path, LinkOption.NOFOLLOW_LINKS);
    }

    /** stat(2): a final symlink is followed. */
    static Stat stat(Path path) throws IOException {
        return read(path);
    }

    /** lstat(2), or empty when nothing is at {@code path} (not even a dangling symlink). */
    static Optional<Stat> lstatIfPresent(Path path) throws IOException {
        try {
            return Optional.of(lstat(path));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    private static Stat read(Path path, LinkOption... options) throws IOException {
        Map<String, Object> a = Files.readAttributes(path, ATTRIBUTES, options);
        int mode = (Integer) a.get("mode");
        return new Stat(EntryType.ofMode(mode), (Long) a.get("size"), mode & 07777, (Integer) a.get("uid"),
                (Integer) a.get("gid"), (Long) a.get("dev"), (Long) a.get("ino"), (Integer) a.get("nlink"),
                (FileTime) a.get("lastAccessTime"), (FileTime) a.get("lastModifiedTime"));
    }

    boolean isDirectory() {
        return type == EntryType.DIR;
    }

    /** the permission bits as four octal digits, like {@code 0644}. */
    String modeOctal() {
        return Modes.octal(mode);
    }
}
