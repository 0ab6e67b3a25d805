package dev.llmos.actions.files;

import dev.llmos.action.ActionException;
import dev.llmos.posix.Fd;
import dev.llmos.posix.FileStat;
import dev.llmos.posix.PosixException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * applies and checks lists of permission changes below a held root ({@link Manifest.ModeChange},
 * in the pre-order of a walk). each change takes its entry from {@code before} to {@code after}; an
 * entry is reached from the root one name at a time, never through a symlink, and changed only when
 * it is still the inode the change recorded.
 */
final class ModeChanges {
    private ModeChanges() {
    }

    /** where a change's entry is, as text. */
    static String resolve(String root, Manifest.ModeChange change) {
        return change.path().isEmpty() ? root : Places.child(root, change.path());
    }

    /** the same changes the other way round. */
    static List<Manifest.ModeChange> reversed(List<Manifest.ModeChange> changes) {
        return changes.stream()
                .map(c -> new Manifest.ModeChange(c.path(), c.inode(), c.after(), c.before()))
                .toList();
    }

    /** the fingerprint of the entries as the changes leave them: path, inode and mode {@code after}. */
    static String digest(List<Manifest.ModeChange> changes) {
        Sha256 sha = new Sha256();
        for (Manifest.ModeChange change : changes) {
            sha.add(change.path()).add(change.inode()).add(change.after());
        }
        return sha.hex();
    }

    /**
     * refuses unless every entry is still there, the same inode, with the mode the changes left
     * ({@code expect} is their {@link #digest}).
     */
    static void check(Entry root, List<Manifest.ModeChange> changes, String expect) throws ActionException {
        Sha256 sha = new Sha256();
        try (Cursor cursor = new Cursor(root.self())) {
            for (Manifest.ModeChange change : changes) {
                String path = resolve(root.path(), change);
                try {
                    Optional<FileStat> now = cursor.stat(change.path());
                    if (now.isEmpty()) {
                        throw new ActionException("changed since: " + path + " is gone; nothing was changed");
                    }
                    sha.add(change.path()).add(now.get().id().ino()).add(Modes.octal(now.get().permissions()));
                } catch (PosixException e) {
                    throw FileFailure.io(path, e);
                }
            }
        }
        if (!sha.hex().equals(expect)) {
            throw new ActionException("changed since: the modes below " + root.path()
                    + " are not what the change left (changed again, or files replaced); nothing was changed");
        }
    }

    /**
     * sets every entry to its {@code after} mode. entries that lose their owner's search bit are
     * changed last, deepest first, so a caller who is not root can still reach everything below a
     * directory until it is done with it; on failure the entries already changed are set back.
     */
    static void apply(Entry root, List<Manifest.ModeChange> changes) throws ActionException {
        List<Manifest.ModeChange> deferred = new ArrayList<>();
        List<Manifest.ModeChange> done = new ArrayList<>();
        try (Cursor cursor = new Cursor(root.self())) {
            try {
                for (Manifest.ModeChange change : changes) {
                    if (keepsSearch(change)) {
                        set(cursor, root.path(), change, done);
                    } else {
                        deferred.add(change);
                    }
                }
                for (Manifest.ModeChange change : deferred.reversed()) {
                    set(cursor, root.path(), change, done);
                }
            } catch (ActionException e) {
                for (Manifest.ModeChange change : reversed(done).reversed()) {
                    try {
                        set(cursor, root.path(), change, new ArrayList<>());
                    } catch (ActionException rollback) {
                        e.addSuppressed(rollback);
                    }
                }
                throw e;
            }
        }
    }

    /** a change that does not take the owner's search (execute) bit away. */
    private static boolean keepsSearch(Manifest.ModeChange change) {
        return (Modes.parse(change.after()) & 0100) != 0 || (Modes.parse(change.before()) & 0100) == 0;
    }

    private static void set(Cursor cursor, String root, Manifest.ModeChange change, List<Manifest.ModeChange> done)
            throws ActionException {
        String path = resolve(root, change);
        try {
            cursor.chmod(change, path);
            done.add(change);
        } catch (IOException | PosixException e) {
            throw FileFailure.io(path, e);
        }
    }

    /**
     * reaches entries below a held root by their relative paths, one name at a time
     * ({@code O_NOFOLLOW}), keeping the directories of the last path open for the next (changes
     * come in walk order, so neighbours share most of their way).
     */
    private static final class Cursor implements AutoCloseable {
        private final Fd root;
        private final List<String> names = new ArrayList<>();
        private final List<Fd> dirs = new ArrayList<>();

        Cursor(Fd root) {
            this.root = root;
        }

        /** what the entry at {@code relative} is now; empty when it is gone or its way is not a directory any more. */
        Optional<FileStat> stat(String relative) throws PosixException {
            if (relative.isEmpty()) {
                return Optional.of(root.stat());
            }
            List<String> parts = Arrays.asList(relative.split("/"));
            Optional<Fd> dir = directory(parts.subList(0, parts.size() - 1));
            return dir.isEmpty() ? Optional.empty() : dir.get().statAt(parts.getLast());
        }

        /** sets the change's mode on its entry, only while that is the recorded inode and not a symlink. */
        void chmod(Manifest.ModeChange change, String path) throws IOException, PosixException {
            if (change.path().isEmpty()) {
                chmod(root, change, path);
                return;
            }
            List<String> parts = Arrays.asList(change.path().split("/"));
            Fd dir = directory(parts.subList(0, parts.size() - 1)).orElseThrow(() -> FileFailure.changed(path));
            Fd entry;
            try {
                entry = dir.pathAt(parts.getLast());
            } catch (PosixException e) {
                if (e.errno() == PosixException.ENOENT) {
                    throw FileFailure.changed(path);
                }
                throw e;
            }
            try (entry) {
                chmod(entry, change, path);
            }
        }

        private static void chmod(Fd entry, Manifest.ModeChange change, String path) throws IOException, PosixException {
            FileStat stat = entry.stat();
            if (stat.id().ino() != change.inode() || stat.isSymlink()) {
                throw FileFailure.changed(path);
            }
            Attributes.refuseHardLinked(stat, path, "change the mode of");
            entry.chmod(Modes.parse(change.after()));
        }

        /** the directory at {@code parts} below the root, opening only what the last call did not. */
        private Optional<Fd> directory(List<String> parts) throws PosixException {
            int common = 0;
            while (common < names.size() && common < parts.size() && names.get(common).equals(parts.get(common))) {
                common++;
            }
            while (names.size() > common) {
                names.removeLast();
                dirs.removeLast().close();
            }
            for (int i = common; i < parts.size(); i++) {
                Fd parent = i == 0 ? root : dirs.get(i - 1);
                try {
                    dirs.add(parent.directoryAt(parts.get(i)));
                } catch (PosixException e) {
                    if (e.errno() == PosixException.ENOENT || e.errno() == PosixException.ENOTDIR
                            || e.errno() == PosixException.ELOOP) {
                        return Optional.empty();
                    }
                    throw e;
                }
                names.add(parts.get(i));
            }
            return Optional.of(parts.isEmpty() ? root : dirs.getLast());
        }

        @Override
        public void close() {
            for (Fd dir : dirs.reversed()) {
                dir.close();
            }
            dirs.clear();
            names.clear();
        }
    }
}
