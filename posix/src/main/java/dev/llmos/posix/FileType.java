package dev.llmos.posix;

import dev.llmos.support.WireEnum;

/**
 * the kind of a directory entry as actions report it, lowercase on the wire: {@code file},
 * {@code dir}, {@code symlink}, or {@code other} for devices, fifos and sockets. coarser than
 * {@link FileStat.Kind}, which tells those apart.
 */
public enum FileType implements WireEnum {
    FILE,
    DIR,
    SYMLINK,
    /** devices, fifos and sockets. */
    OTHER;

    /** the type encoded in the {@code st_mode} bits of stat(2). */
    public static FileType ofMode(int mode) {
        return switch (mode & FileStat.S_IFMT) {
            case FileStat.S_IFREG -> FILE;
            case FileStat.S_IFDIR -> DIR;
            case FileStat.S_IFLNK -> SYMLINK;
            default -> OTHER;
        };
    }

    /** the type of the object {@code stat} describes. */
    public static FileType of(FileStat stat) {
        return ofMode(stat.mode());
    }
}
