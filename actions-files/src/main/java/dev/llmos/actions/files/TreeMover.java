package dev.llmos.actions.files;

import dev.llmos.action.ActionContext;
import dev.llmos.action.ActionException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * moves a file, symlink or tree to a path that must be free: rename(2) within a filesystem;
 * across filesystems an exact copy (owners, modes, times), checked against the source, then the
 * source removed. the caller checks that the target is free just before: rename(2) would replace.
 */
final class TreeMover {
    private TreeMover() {
    }

    /**
     * the source was copied whole and checked, but could not be removed (all or part of it is
     * still there): the copy must be kept.
     */
    static final class SourceLeftException extends ActionException {
        SourceLeftException(String message) {
            super(message);
        }
    }

    /** how a move went. */
    enum How {
        RENAMED,
        COPIED
    }

    static How move(Path source, Path target, ActionContext context) throws IOException, ActionException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
            return How.RENAMED;
        } catch (AtomicMoveNotSupportedException e) {
            copyThenRemove(source, target, context);
            return How.COPIED;
        }
    }

    private static void copyThenRemove(Path source, Path target, ActionContext context)
            throws IOException, ActionException {
        TreeSummary summary = TreeSummary.of(source, 0);
        if (summary.specials() > 0) {
            throw new ActionException("cannot move a device, fifo or socket across filesystems: " + source
                    + " holds " + summary.specials());
        }
        checkRemovable(source, context.caller().uid());
        String before = Fingerprint.of(source, Fingerprint.Depth.METADATA);
        TreeCopier.copy(source, target, TreeCopier.Fidelity.EXACT, context, summary.bytes());
        String after = Fingerprint.of(target, Fingerprint.Depth.METADATA);
        if (!before.equals(after)) {
            ActionException mismatch = new ActionException("the copy of " + source + " on " + target
                    + " does not match it (did it change meanwhile?); nothing was moved");
            TreeDeleter.deleteQuietly(target, mismatch);
            throw mismatch;
        }
        try {
            TreeDeleter.delete(source);
        } catch (IOException e) {
            throw new SourceLeftException("copied " + source + " to " + target + " but could not remove the source: "
                    + Failures.io(source, e).getMessage());
        }
    }

    /**
     * the caller can remove every entry once the copy is made: the source's parent is writable, and
     * each directory is writable or the caller's own (then {@link TreeDeleter} makes it writable).
     */
    private static void checkRemovable(Path source, int uid) throws IOException, ActionException {
        Path parent = source.getParent();
        if (!Files.isWritable(parent) || !Files.isExecutable(parent)) {
            throw new ActionException("permission denied: " + parent);
        }
        Tree.walk(source, entry -> {
            Path dir = entry.path();
            if (entry.stat().isDirectory() && entry.stat().uid() != uid
                    && (!Files.isWritable(dir) || !Files.isExecutable(dir))) {
                throw new ActionException("permission denied: " + dir);
            }
        });
    }
}
