package dev.llmos.actions.files;

import dev.llmos.action.ActionException;
import dev.llmos.posix.PosixException;
import java.io.IOException;

/**
 * a failed operation on one object, told with the path the object had when it was decided on
 * (never a {@code /proc/self/fd} name, never the single name a system call saw).
 */
final class FileFailure extends IOException {
    private FileFailure(String message) {
        super(message, null);
    }

    /** {@code cause} on the object at {@code path}, in the words of strerror(3); a failure that already names its path is kept. */
    static FileFailure at(String path, Exception cause) {
        if (cause instanceof FileFailure failure) {
            return failure;
        }
        return new FileFailure(PosixException.reasonOf(cause) + ": " + path);
    }

    /** the failure of a call on the object at {@code path} (unless the failure names its own path), for the client. */
    static ActionException io(String path, Exception cause) {
        return new ActionException(at(path, cause).getMessage());
    }

    /** the refusal to replace what is at {@code path}, with the hint that fits the action. */
    static ActionException exists(String path, String hint) {
        return new ActionException("already exists: " + path + " (" + hint + ")");
    }

    /** the object decided on at {@code path} is no longer there: another one took its name. */
    static FileFailure changed(String path) {
        return new FileFailure("refused: " + path + " changed while the action ran (it is not the object that was "
                + "decided on any more: replaced, moved or swapped for a symlink)");
    }

    /** a refusal with its own words. */
    static FileFailure refused(String message) {
        return new FileFailure(message);
    }
}
