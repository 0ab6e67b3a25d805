package dev.llmos.actions.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * unlinks a whole tree for good, children first. only for what needs no undo: quarantined items
 * being purged, half-made copies, and sources already copied elsewhere and checked. a directory the
 * caller owns but may not write (a quarantined {@code 0555} tree) is made writable first.
 */
final class TreeDeleter {
    private TreeDeleter() {
    }

    static void delete(Path root) throws IOException {
        Tree.walk(root, new Tree.Visitor<IOException>() {
            @Override
            public void enter(Tree.Entry entry) throws IOException {
                if (entry.stat().isDirectory()) {
                    if (!Files.isWritable(entry.path()) || !Files.isExecutable(entry.path())) {
                        Attributes.mode(entry.path(), entry.stat().mode() | 0700);
                    }
                } else {
                    Files.delete(entry.path());
                }
            }

            @Override
            public void leave(Tree.Entry entry) throws IOException {
                Files.delete(entry.path());
            }
        });
    }

    /** {@link #delete}, for cleaning up after another failure: its own failure is added to that one. */
    static void deleteQuietly(Path root, Exception cause) {
        try {
            if (Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
                delete(root);
            }
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }
}
