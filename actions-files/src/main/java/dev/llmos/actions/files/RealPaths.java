package dev.llmos.actions.files;

import java.io.IOException;
import java.nio.file.Path;

/** where an entry really is, whether or not it exists yet. */
final class RealPaths {
    private RealPaths() {
    }

    /**
     * the real path of {@code path} itself, not of what a final symlink points to: its parent
     * resolved (symlinks, {@code ..}) plus its own name. the parent must exist.
     */
    static Path ofEntry(Path path) throws IOException {
        Path parent = path.getParent();
        return parent == null ? path : parent.toRealPath().resolve(path.getFileName());
    }

    /** refuses to put a directory inside itself: {@code to} lies within {@code from}. */
    static boolean within(Path to, Path from) throws IOException {
        return ofEntry(to).startsWith(ofEntry(from));
    }
}
