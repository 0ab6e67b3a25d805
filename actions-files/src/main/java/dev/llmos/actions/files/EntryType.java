package dev.llmos.actions.files;

import dev.llmos.posix.FileStat;

/** the kind of a directory entry, lowercase on the wire. */
public enum EntryType {
    FILE,
    DIR,
    SYMLINK,
    /** devices, fifos and sockets. */
    OTHER;

    /** the kind of the object {@code stat} describes. */
    static EntryType of(FileStat stat) {
        return switch (stat.kind()) {
            case FILE -> FILE;
            case DIRECTORY -> DIR;
            case SYMLINK -> SYMLINK;
            case FIFO, SOCKET, CHAR_DEVICE, BLOCK_DEVICE, OTHER -> OTHER;
        };
    }
}
