package dev.llmos.actions.files;

/** the kind of a directory entry, lowercase on the wire. */
public enum EntryType {
    FILE,
    DIR,
    SYMLINK,
    /** devices, fifos and sockets. */
    OTHER;

    private static final int S_IFMT = 0170000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFLNK = 0120000;

    /** the type encoded in the {@code st_mode} bits of stat(2). */
    static EntryType ofMode(int mode) {
        return switch (mode & S_IFMT) {
            case S_IFREG -> FILE;
            case S_IFDIR -> DIR;
            case S_IFLNK -> SYMLINK;
            default -> OTHER;
        };
    }
}
