package dev.llmos.actions.files;

import dev.llmos.action.ActionContext;
import dev.llmos.action.ActionException;
import dev.llmos.posix.Fd;
import dev.llmos.posix.FileStat;
import dev.llmos.posix.PosixException;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Optional;

/**
 * moves a held file, symlink or tree to a name in a held directory that must be free:
 * renameat2(2) with {@code RENAME_NOREPLACE} within a file system, checked afterwards to have moved
 * the decided object (else moved back and refused); across file systems an exact copy through
 * descriptors (owners, modes, times), checked against the source, then the source removed through
 * descriptors.
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

    /**
     * a move done.
     *
     * @param moved what the target name holds now: the source itself when renamed, its copy otherwise
     */
    record Moved(How how, FileStat moved) {
    }

    static Moved move(Entry source, Fd targetDir, String targetName, String targetPath, ActionContext context)
            throws IOException, ActionException {
        try {
            source.checkNamed();
            source.dir().renameAt(source.name(), targetDir, targetName, Fd.RENAME_NOREPLACE);
        } catch (PosixException e) {
            if (e.errno() == PosixException.EXDEV) {
                return new Moved(How.COPIED, copyThenRemove(source, targetDir, targetName, targetPath, context));
            }
            throw FileFailure.at(e.errno() == PosixException.EEXIST ? targetPath : source.path(), e);
        }
        try {
            Optional<FileStat> landed = targetDir.statAt(targetName);
            if (landed.isEmpty() || !landed.get().id().equals(source.stat().id())) {
                putBack(source, targetDir, targetName, targetPath);
            }
            return new Moved(How.RENAMED, source.self().stat());
        } catch (PosixException e) {
            throw FileFailure.at(targetPath, e);
        }
    }

    /** another object than the decided one was moved (its name was taken over meanwhile): it goes back, refused. */
    private static void putBack(Entry source, Fd targetDir, String targetName, String targetPath) throws IOException {
        FileFailure changed = FileFailure.changed(source.path());
        try {
            targetDir.renameAt(targetName, source.dir(), source.name(), Fd.RENAME_NOREPLACE);
        } catch (PosixException e) {
            changed.addSuppressed(FileFailure.refused("what took its name was moved to " + targetPath
                    + " and could not be put back: " + PosixException.reasonOf(e)));
        }
        throw changed;
    }

    private static FileStat copyThenRemove(Entry source, Fd targetDir, String targetName, String targetPath,
            ActionContext context) throws IOException, ActionException {
        TreeSummary summary = TreeSummary.of(source, 0);
        if (summary.specials() > 0) {
            throw new ActionException("cannot move a device, fifo or socket across filesystems: " + source.path()
                    + " holds " + summary.specials());
        }
        checkRemovable(source, context.caller().uid());
        String before = Fingerprint.of(source, Fingerprint.Depth.METADATA);
        FileStat made = TreeCopier.copy(source, targetDir, targetName, targetPath, TreeCopier.Fidelity.EXACT, context,
                summary.bytes());
        String after;
        try (Fd copy = Entry.reopen(targetDir, targetName, made, targetPath)) {
            after = Fingerprint.of(Entry.of(copy, targetDir, targetName, targetPath), Fingerprint.Depth.METADATA);
        } catch (PosixException e) {
            throw FileFailure.at(targetPath, e);
        }
        if (!before.equals(after)) {
            ActionException mismatch = new ActionException("the copy of " + source.path() + " on " + targetPath
                    + " does not match it (did it change meanwhile?); nothing was moved");
            TreeDeleter.deleteQuietly(targetDir, targetName, targetPath, made, mismatch);
            throw mismatch;
        }
        try {
            TreeDeleter.delete(source);
        } catch (IOException e) {
            throw new SourceLeftException("copied " + source.path() + " to " + targetPath
                    + " but could not remove the source: " + FileFailure.io(source.path(), e).getMessage());
        }
        return made;
    }

    /**
     * the caller can remove every entry once the copy is made: the source's directory is writable,
     * and each directory is writable or the caller's own (then {@link TreeDeleter} makes it writable).
     */
    private static void checkRemovable(Entry source, int uid) throws IOException, ActionException {
        if (!Files.isWritable(source.dir().proc()) || !Files.isExecutable(source.dir().proc())) {
            throw new ActionException("permission denied: " + Places.parent(source.path()));
        }
        Tree.walk(source, entry -> {
            if (entry.stat().isDirectory() && entry.stat().uid() != uid
                    && (!Files.isWritable(entry.self().proc()) || !Files.isExecutable(entry.self().proc()))) {
                throw new ActionException("permission denied: " + entry.path());
            }
        });
    }
}
