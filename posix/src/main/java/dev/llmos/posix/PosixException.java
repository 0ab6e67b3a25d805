package dev.llmos.posix;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;
import java.util.Map;

/** a failed system call with its errno. */
public final class PosixException extends Exception {
    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int ESRCH = 3;
    public static final int EBADF = 9;
    public static final int EACCES = 13;
    public static final int EBUSY = 16;
    public static final int EEXIST = 17;
    public static final int EXDEV = 18;
    public static final int ENOTDIR = 20;
    public static final int EISDIR = 21;
    public static final int EINVAL = 22;
    public static final int ETXTBSY = 26;
    public static final int ENOSPC = 28;
    public static final int EROFS = 30;
    public static final int EMLINK = 31;
    public static final int ERANGE = 34;
    public static final int ENAMETOOLONG = 36;
    public static final int ENOSYS = 38;
    public static final int ENOTEMPTY = 39;
    public static final int ELOOP = 40;
    public static final int EOPNOTSUPP = 95;
    public static final int EDQUOT = 122;

    private static final Map<Integer, String> TEXTS = Map.ofEntries(
            Map.entry(EPERM, "operation not permitted"),
            Map.entry(ENOENT, "no such file or directory"),
            Map.entry(ESRCH, "no such process"),
            Map.entry(EBADF, "bad file descriptor"),
            Map.entry(EACCES, "permission denied"),
            Map.entry(EBUSY, "device or resource busy"),
            Map.entry(EEXIST, "file exists"),
            Map.entry(EXDEV, "on another file system"),
            Map.entry(ENOTDIR, "not a directory"),
            Map.entry(EISDIR, "is a directory"),
            Map.entry(EINVAL, "invalid argument"),
            Map.entry(ETXTBSY, "text file busy"),
            Map.entry(ENOSPC, "no space left on device"),
            Map.entry(EROFS, "read-only file system"),
            Map.entry(EMLINK, "too many links"),
            Map.entry(ENAMETOOLONG, "file name too long"),
            Map.entry(ENOSYS, "not supported by this kernel"),
            Map.entry(ENOTEMPTY, "directory not empty"),
            Map.entry(ELOOP, "too many levels of symbolic links"),
            Map.entry(EOPNOTSUPP, "operation not supported"),
            Map.entry(EDQUOT, "disk quota exceeded"));

    private final int errno;

    public PosixException(String call, int errno) {
        super(call + ": " + text(errno), null, false, false);
        this.errno = errno;
    }

    public int errno() {
        return errno;
    }

    /** what {@code errno} means, in lowercase words ({@code "errno 71"} for one without a text here). */
    public static String text(int errno) {
        return TEXTS.getOrDefault(errno, "errno " + errno);
    }

    /** the meaning of this failure's errno, without the call. */
    public String reason() {
        return text(errno);
    }

    /**
     * what went wrong in any file system call, this one's or the jdk's, in the lowercase words of
     * strerror(3) and without a path: {@code no such file or directory}, {@code permission denied},
     * {@code already exists}.
     */
    public static String reasonOf(Exception e) {
        return switch (e) {
            case PosixException p when p.errno() == EEXIST -> "already exists";
            case PosixException p -> p.reason();
            case NoSuchFileException _ -> text(ENOENT);
            case AccessDeniedException _ -> text(EACCES);
            case NotDirectoryException _ -> text(ENOTDIR);
            case FileAlreadyExistsException _ -> "already exists";
            case DirectoryNotEmptyException _ -> text(ENOTEMPTY);
            case FileSystemException fse when fse.getReason() != null -> fse.getReason().toLowerCase(Locale.ROOT);
            // a plain read or write failure carries the text of strerror(3), capitalized: lower its first letter
            case IOException _ when e.getMessage() != null && !e.getMessage().isEmpty() ->
                    e.getMessage().substring(0, 1).toLowerCase(Locale.ROOT) + e.getMessage().substring(1);
            default -> "i/o error";
        };
    }
}
