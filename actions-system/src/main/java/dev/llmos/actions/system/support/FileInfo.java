package dev.llmos.actions.system.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;

/**
 * what lstat(2) says about a path: the final symlink is not followed. internal to this module.
 *
 * @param mode the full {@code st_mode}, type bits included
 * @param symlinkTarget the link's target as stored, null unless a readable symlink
 */
public record FileInfo(FileType type, long size, int mode, int uid, int gid, long inode, int links, long device,
        FileTime atime, FileTime mtime, FileTime ctime, String symlinkTarget) {
    /** only these: asking for {@code unix:*} would also resolve owner names through the jdk. */
    private static final String ATTRIBUTES = "unix:mode,size,uid,gid,ino,nlink,dev,lastAccessTime,lastModifiedTime,ctime";

    public static FileInfo lstat(Path path) throws IOException {
        Map<String, Object> a = Files.readAttributes(path, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        int mode = (Integer) a.get("mode");
        FileType type = FileType.ofMode(mode);
        return new FileInfo(type, (Long) a.get("size"), mode, (Integer) a.get("uid"), (Integer) a.get("gid"),
                (Long) a.get("ino"), (Integer) a.get("nlink"), (Long) a.get("dev"),
                (FileTime) a.get("lastAccessTime"), (FileTime) a.get("lastModifiedTime"), (FileTime) a.get("ctime"),
                type == FileType.SYMLINK ? target(path) : null);
    }

    /** the permission bits (with setuid, setgid and sticky) as four octal digits, like {@code 0644}. */
    public String modeOctal() {
        return String.format("%04o", mode & 07777);
    }

    private static String target(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            return null;
        }
    }
}
