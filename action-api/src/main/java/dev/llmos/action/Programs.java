package dev.llmos.action;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * which file a program name runs: the one lookup shared by policy (deciding on a
 * {@link PathParam.Role#PROGRAM} param) and the action that starts it, so both see the same file.
 */
public final class Programs {
    /** the directories a bare program name is looked up in, in order; never the caller's own {@code PATH}. */
    public static final String SEARCH_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private Programs() {
    }

    /**
     * the real absolute path of {@code name}: a name with a slash must be absolute and is taken as
     * is, a bare name is searched in {@link #SEARCH_PATH}; symlinks are followed. empty when no
     * executable regular file is found.
     */
    public static Optional<Path> resolve(String name) {
        if (name == null || name.isEmpty() || name.indexOf('\0') >= 0) {
            return Optional.empty();
        }
        try {
            if (name.indexOf('/') >= 0) {
                Path path = Path.of(name);
                return path.isAbsolute() ? executable(path) : Optional.empty();
            }
            for (String dir : SEARCH_PATH.split(":")) {
                Optional<Path> found = executable(Path.of(dir, name));
                if (found.isPresent()) {
                    return found;
                }
            }
            return Optional.empty();
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    private static Optional<Path> executable(Path path) {
        if (!Files.isRegularFile(path) || !Files.isExecutable(path)) {
            return Optional.empty();
        }
        try {
            return Optional.of(path.toRealPath());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
