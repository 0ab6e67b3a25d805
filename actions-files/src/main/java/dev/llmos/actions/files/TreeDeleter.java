package dev.llmos.actions.files;

import dev.llmos.posix.Fd;
import dev.llmos.posix.FileStat;
import dev.llmos.posix.PosixException;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Optional;

/**
 * unlinks a whole tree for good, children first, through its held directories: each name is
 * removed only while it still names the object the walk opened. only for what needs no undo:
 * quarantined items being purged, half-made copies, and sources already copied elsewhere and
 * checked. a directory the caller owns but may not write (a quarantined {@code 0555} tree) is made
 * writable first.
 */
final class TreeDeleter {
    private TreeDeleter() {
    }

    /** removes {@code root} (named in its held directory) and everything below it. */
    static void delete(Entry root) throws IOException {
        Tree.walk(root, new Tree.Visitor<IOException>() {
            @Override
            public void enter(Entry entry) throws IOException, PosixException {
                if (entry.stat().isDirectory()) {
                    if (!Files.isWritable(entry.self().proc()) || !Files.isExecutable(entry.self().proc())) {
                        entry.self().chmod(entry.stat().permissions() | 0700);
                    }
                } else {
                    entry.checkNamed();
                    entry.dir().unlinkAt(entry.name());
                }
            }

            @Override
            public void leave(Entry entry) throws IOException, PosixException {
                entry.checkNamed();
                entry.dir().rmdirAt(entry.name());
            }
        });
    }

    /**
     * removes what {@code name} in {@code dir} holds when it is the object {@code made} (something
     * this action made), for cleaning up after another failure: a failure to clean up is added to that one.
     */
    static void deleteQuietly(Fd dir, String name, String path, FileStat made, Exception cause) {
        try {
            Optional<FileStat> now = dir.statAt(name);
            if (now.isPresent() && now.get().id().equals(made.id())) {
                try (Fd self = dir.pathAt(name)) {
                    Entry entry = Entry.of(self, dir, name, path);
                    if (entry.stat().id().equals(made.id())) {
                        delete(entry);
                    }
                }
            }
        } catch (IOException | PosixException e) {
            cause.addSuppressed(FileFailure.at(path, e));
        }
    }
}
