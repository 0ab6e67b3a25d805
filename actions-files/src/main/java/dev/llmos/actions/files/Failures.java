package dev.llmos.actions.files;

import dev.llmos.action.ActionException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * turns path params and i/o failures into the messages people read: {@code permission denied: /x},
 * {@code no such file or directory: /x}, {@code already exists: /x}.
 */
final class Failures {
    private Failures() {
    }

    /**
     * the path named by a param. it must be absolute: actions run in a process whose working
     * directory is not the caller's, so a relative path would silently mean something else. it is
     * not normalized: {@code ..} after a symlink means what the kernel says, as policy resolved it.
     */
    static Path absolutePath(String text) throws ActionException {
        Path path;
        try {
            path = Path.of(text);
        } catch (InvalidPathException e) {
            throw new ActionException("invalid path: " + e.getReason());
        }
        if (!path.isAbsolute()) {
            throw new ActionException("path must be absolute: " + text);
        }
        return path;
    }

    /** the failure of an i/o call on {@code path}, in the words of strerror(3) and lowercase. */
    static ActionException io(Path path, IOException e) {
        String file = path.toString();
        if (e instanceof FileSystemException fse && fse.getFile() != null) {
            file = fse.getFile() + (fse.getOtherFile() != null ? " -> " + fse.getOtherFile() : "");
        }
        return new ActionException(reason(e) + ": " + file);
    }

    /**
     * the failure of an i/o call, told as a failure on {@code path} whatever file the call named:
     * for calls on helper files (a temp file) that the caller never heard of.
     */
    static ActionException at(Path path, IOException e) {
        return new ActionException(reason(e) + ": " + path);
    }

    private static String reason(IOException e) {
        return switch (e) {
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
    static ActionException exists(Path path, String hint) {
        return new ActionException("already exists: " + path + " (" + hint + ")");
    }
}
