package dev.llmos.actions.files;

import dev.llmos.action.ActionException;
import dev.llmos.posix.PosixException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;

/**
 * turns failures into the messages people read: {@code permission denied: /x},
 * {@code no such file or directory: /x}, {@code already exists: /x}. a failure always names the
 * real path that was decided on, whatever name the call itself used.
 */
final class Failures {
    private Failures() {
    }

    /** the failure of a call on the object at {@code path} (unless the failure names its own path). */
    static ActionException io(String path, Exception e) {
        return new ActionException(FileFailure.at(path, e).getMessage());
    }

    /** what went wrong, lowercase, without any path. */
    static String reason(Exception e) {
        return switch (e) {
            case PosixException p when p.errno() == PosixException.EEXIST -> "already exists";
            case PosixException p -> p.reason();
            case NoSuchFileException _ -> "no such file or directory";
            case AccessDeniedException _ -> "permission denied";
            case NotDirectoryException _ -> "not a directory";
            case FileAlreadyExistsException _ -> "already exists";
            case DirectoryNotEmptyException _ -> "directory not empty";
            case FileSystemException fse when fse.getReason() != null -> fse.getReason().toLowerCase(Locale.ROOT);
            // a plain read or write failure carries the text of strerror(3), capitalized: lower its first letter
            case IOException _ when e.getMessage() != null && !e.getMessage().isEmpty() ->
                    e.getMessage().substring(0, 1).toLowerCase(Locale.ROOT) + e.getMessage().substring(1);
            default -> "i/o error";
        };
    }

    /** the refusal to replace what is at {@code path}, with the hint that fits the action. */
    static ActionException exists(String path, String hint) {
        return new ActionException("already exists: " + path + " (" + hint + ")");
    }
}
