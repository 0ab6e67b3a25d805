package dev.llmos.actions.files;

import dev.llmos.action.ActionException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * applies and checks lists of permission changes below a root ({@link Manifest.ModeChange}, in the
 * pre-order of a walk). each change takes its entry from {@code before} to {@code after}.
 */
final class ModeChanges {
    private ModeChanges() {
    }

    /** where a change's entry is. */
    static Path resolve(Path root, Manifest.ModeChange change) {
        return change.path().isEmpty() ? root : root.resolve(change.path());
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
    static void check(Path root, List<Manifest.ModeChange> changes, String expect) throws ActionException {
        Sha256 sha = new Sha256();
        for (Manifest.ModeChange change : changes) {
            Path path = resolve(root, change);
            try {
                Optional<Stat> now = Stat.lstatIfPresent(path);
                if (now.isEmpty()) {
                    throw new ActionException("changed since: " + path + " is gone; nothing was changed");
                }
                sha.add(change.path()).add(now.get().inode()).add(now.get().modeOctal());
            } catch (IOException e) {
                throw Failures.io(path, e);
            }
        }
        if (!sha.hex().equals(expect)) {
            throw new ActionException("changed since: the modes below " + root
                    + " are not what the change left (changed again, or files replaced); nothing was changed");
        }
    }

    /**
     * sets every entry to its {@code after} mode. entries that lose their owner's search bit are
     * changed last, deepest first, so a caller who is not root can still reach everything below a
     * directory until it is done with it; on failure the entries already changed are set back.
     */
    static void apply(Path root, List<Manifest.ModeChange> changes) throws ActionException {
        List<Manifest.ModeChange> deferred = new ArrayList<>();
        List<Manifest.ModeChange> done = new ArrayList<>();
        try {
            for (Manifest.ModeChange change : changes) {
                if (keepsSearch(change)) {
                    set(root, change, done);
                } else {
                    deferred.add(change);
                }
            }
            for (Manifest.ModeChange change : deferred.reversed()) {
                set(root, change, done);
            }
        } catch (ActionException e) {
            for (Manifest.ModeChange change : reversed(done).reversed()) {
                try {
                    set(root, change, new ArrayList<>());
                } catch (ActionException rollback) {
                    e.addSuppressed(rollback);
                }
            }
            throw e;
        }
    }

    /** a change that does not take the owner's search (execute) bit away. */
    private static boolean keepsSearch(Manifest.ModeChange change) {
        return (Modes.parse(change.after()) & 0100) != 0 || (Modes.parse(change.before()) & 0100) == 0;
    }

    private static void set(Path root, Manifest.ModeChange change, List<Manifest.ModeChange> done)
            throws ActionException {
        Path path = resolve(root, change);
        try {
            Attributes.mode(path, Modes.parse(change.after()));
            done.add(change);
        } catch (IOException e) {
            throw Failures.io(path, e);
        }
    }
}
