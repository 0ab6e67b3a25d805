package dev.llmos.posix;

/**
 * what statx(2) says of one file system object, never following a final symlink.
 *
 * @param id the device and inode: the object's identity
 * @param mode the type and permission bits, as {@code st_mode}
 * @param nlink the number of hard links
 * @param atimeNanos the access time in nanoseconds since the epoch
 * @param mtimeNanos the modification time in nanoseconds since the epoch
 * @param ctimeNanos the status change time in nanoseconds since the epoch
 * @param mountId the kernel's id of the mount the object is on
 */
public record FileStat(FileId id, int mode, int uid, int gid, long nlink, long size, long atimeNanos, long mtimeNanos,
        long ctimeNanos, long mountId) {
    public static final int S_IFMT = 0170000;
    public static final int S_IFSOCK = 0140000;
    public static final int S_IFLNK = 0120000;
    public static final int S_IFREG = 0100000;
    public static final int S_IFBLK = 0060000;
    public static final int S_IFDIR = 0040000;
    public static final int S_IFCHR = 0020000;
    public static final int S_IFIFO = 0010000;

    /** the kinds of object, lowercase on the wire. */
    public enum Kind implements dev.llmos.support.WireEnum {
        FILE, DIRECTORY, SYMLINK, FIFO, SOCKET, CHAR_DEVICE, BLOCK_DEVICE, OTHER
    }

    public Kind kind() {
        return switch (mode & S_IFMT) {
            case S_IFREG -> Kind.FILE;
            case S_IFDIR -> Kind.DIRECTORY;
            case S_IFLNK -> Kind.SYMLINK;
            case S_IFIFO -> Kind.FIFO;
            case S_IFSOCK -> Kind.SOCKET;
            case S_IFCHR -> Kind.CHAR_DEVICE;
            case S_IFBLK -> Kind.BLOCK_DEVICE;
            default -> Kind.OTHER;
        };
    }

    public boolean isDirectory() {
        return kind() == Kind.DIRECTORY;
    }

    public boolean isRegularFile() {
        return kind() == Kind.FILE;
    }

    public boolean isSymlink() {
        return kind() == Kind.SYMLINK;
    }

    /** the permission bits with setuid, setgid and sticky ({@code 07777}). */
    public int permissions() {
        return mode & 07777;
    }

    /** true when a user other than the owner (its group or anyone) may change the object's content or entries. */
    public boolean writableByOthers() {
        return (mode & 0022) != 0;
    }
}
