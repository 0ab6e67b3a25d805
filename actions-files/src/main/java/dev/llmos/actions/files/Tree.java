package dev.llmos.actions.files;

import dev.llmos.posix.Fd;
import dev.llmos.posix.PosixException;
import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.util.List;

/**
 * a depth-first walk of a file tree through descriptors: each entry is opened by one name in its
 * held parent, never following a symlink (a symlink is one entry, its target never visited), and
 * described by its own descriptor, so what the walk reports is what it holds. the entries of a
 * directory come in name order, so walks of equal trees see the same sequence. nothing is opened for
 * reading here; a visitor reads only regular files ({@link Entry#read}).
 */
final class Tree {
    private Tree() {
    }

    /**
     * what a walk does with each entry; failures name the entry's path.
     *
     * @param <X> what else than i/o the visitor may fail with
     */
    interface Visitor<X extends Exception> {
        /** an entry; a directory is entered before its children are listed and visited. */
        void enter(Entry entry) throws IOException, PosixException, X;

        /** a directory, after its children. */
        default void leave(Entry entry) throws IOException, PosixException, X {
        }
    }

    /** walks {@code root} (held by the caller) and everything below it. */
    static <X extends Exception> void walk(Entry root, Visitor<X> visitor) throws IOException, X {
        try {
            visitor.enter(root);
            if (!root.stat().isDirectory()) {
                return;
            }
            for (String name : names(root.self())) {
                Fd child;
                try {
                    child = root.self().pathAt(name);
                } catch (PosixException e) {
                    throw FileFailure.at(Places.child(root.path(), name), e);
                }
                try (child) {
                    walk(root.child(name, child), visitor);
                }
            }
            visitor.leave(root);
        } catch (PosixException e) {
            throw FileFailure.at(root.path(), e);
        } catch (IOException e) {
            throw FileFailure.at(root.path(), e);
        }
    }

    /** the names in the held directory {@code dir}, in name order. */
    static List<String> names(Fd dir) throws IOException {
        try {
            return dir.list().stream().sorted().toList();
        } catch (DirectoryIteratorException e) {
            throw e.getCause();
        }
    }
}
