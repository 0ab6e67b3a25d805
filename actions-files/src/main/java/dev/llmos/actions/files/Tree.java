package dev.llmos.actions.files;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * a depth-first walk of a file tree that never follows symlinks (a symlink root is one entry).
 * the entries of a directory come in name order, so walks of equal trees see the same sequence.
 */
final class Tree {
    private Tree() {
    }

    /**
     * one entry of the walk.
     *
     * @param path where it is
     * @param relative its path below the root, {@code ""} for the root itself
     */
    record Entry(Path path, String relative, Stat stat) {
    }

    /**
     * what a walk does with each entry.
     *
     * @param <X> what else than i/o the visitor may fail with
     */
    interface Visitor<X extends Exception> {
        /** an entry; a directory is entered before its children are listed and visited. */
        void enter(Entry entry) throws IOException, X;

        /** a directory, after its children. */
        default void leave(Entry entry) throws IOException, X {
        }
    }

    static <X extends Exception> void walk(Path root, Visitor<X> visitor) throws IOException, X {
        visit(new Entry(root, "", Stat.lstat(root)), visitor);
    }

    private static <X extends Exception> void visit(Entry entry, Visitor<X> visitor) throws IOException, X {
        visitor.enter(entry);
        if (!entry.stat().isDirectory()) {
            return;
        }
        for (Path child : children(entry.path())) {
            String name = child.getFileName().toString();
            String relative = entry.relative().isEmpty() ? name : entry.relative() + "/" + name;
            visit(new Entry(child, relative, Stat.lstat(child)), visitor);
        }
        visitor.leave(entry);
    }

    /** the entries of {@code dir} in name order. */
    static List<Path> children(Path dir) throws IOException {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path child : stream) {
                children.add(child);
            }
        } catch (DirectoryIteratorException e) {
            throw e.getCause();
        }
        children.sort(null);
        return children;
    }
}
