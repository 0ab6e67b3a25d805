package dev.llmos.actions.files;

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
        return new FileFailure(Failures.reason(cause) + ": " + path);
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
