package dev.llmos.actions.system.support;

import dev.llmos.action.ActionException;
import dev.llmos.posix.PosixException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * turns path params and i/o failures into the messages people read: {@code permission denied: /x},
 * {@code no such file or directory: /x}, {@code not a directory: /x}. internal to this module.
 */
public final class Failures {
    private Failures() {
    }

    /**
     * the path named by a param. it must be absolute: actions run in a process whose working
     * directory is not the caller's, so a relative path would silently mean something else.
     */
    public static Path absolutePath(String text) throws ActionException {
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

    /** the failure of a system call on the object at {@code path}, in the words of strerror(3). */
    public static ActionException posix(String path, PosixException e) {
        return new ActionException(e.reason() + ": " + path);
    }

    /**
     * the failure of an i/o call on {@code path}, in the words of strerror(3) and lowercase; a
     * descriptor's {@code /proc/self/fd} name is never shown, the decided path is.
     */
    public static ActionException io(Path path, IOException e) {
        String file = path.toString();
        if (e instanceof FileSystemException fse && fse.getFile() != null && !fse.getFile().startsWith("/proc/self/fd/")) {
            file = fse.getFile();
        }
        String reason = switch (e) {
            case NoSuchFileException _ -> "no such file or directory";
            case AccessDeniedException _ -> "permission denied";
            case NotDirectoryException _ -> "not a directory";
            case FileSystemException fse when fse.getReason() != null -> fse.getReason().toLowerCase(Locale.ROOT);
            default -> "cannot access (" + e.getMessage() + ")";
        };
        return new ActionException(reason + ": " + file);
    }
}
