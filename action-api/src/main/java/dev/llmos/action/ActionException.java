package dev.llmos.action;

import dev.llmos.posix.PosixException;
import java.nio.file.FileSystemException;

/**
 * an action that could not do its work: the error reaches the client as -32003 with the message,
 * and for programs the exit code and the tail of stderr.
 */
public class ActionException extends Exception {
    private final Integer exitCode;
    private final String stderr;

    public ActionException(String message) {
        this(message, null, null);
    }

    public ActionException(String message, Integer exitCode, String stderr) {
        super(message, null, false, false);
        this.exitCode = exitCode;
        this.stderr = stderr;
    }

    /**
     * the failure of a call on the object at {@code path}, as people read it:
     * {@code permission denied: /x} ({@link PosixException#reasonOf}). a jdk failure that names
     * another file (one met on the way) names that one; a descriptor's {@code /proc/self/fd} name is
     * never shown.
     */
    public static ActionException at(String path, Exception cause) {
        String file = path;
        if (cause instanceof FileSystemException fse && fse.getFile() != null && fse.getFile().startsWith("/")
                && !fse.getFile().startsWith("/proc/self/fd/")) {
            file = fse.getFile();
        }
        return new ActionException(PosixException.reasonOf(cause) + ": " + file);
    }

    /** the failed program's exit code, or null when no program ran. */
    public Integer exitCode() {
        return exitCode;
    }

    /** the tail of the failed program's stderr, or null. */
    public String stderr() {
        return stderr;
    }
}
