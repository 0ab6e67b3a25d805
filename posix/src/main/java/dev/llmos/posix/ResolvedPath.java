package dev.llmos.posix;

import java.util.List;
import java.util.Optional;

/**
 * an absolute path resolved once into descriptors: the directory that holds the object (or would
 * hold it), and the object itself when it exists. whatever happens to the names afterwards, acting
 * through these descriptors acts on what was resolved. owns its descriptors; closing releases them.
 *
 * <p>{@code path} is the object's real path, made from the components the walk really took
 * (symlinks replaced by their targets), so it is what a decision about the object must look at.
 *
 * @param path the real absolute path of the object, or of where it would be created
 * @param parent the directory holding the object, or the deepest existing directory on the way to
 *     a missing one (for {@code /} itself, the root directory again)
 * @param parentStat what {@code parent} was when resolved
 * @param object the object, or empty when the path names nothing yet
 * @param stat what {@code object} was when resolved (a symlink when the final one was not followed)
 * @param missing the components below {@code parent} that do not exist yet, in order; empty when the
 *     object exists. the first is the name to create in {@code parent}.
 */
public record ResolvedPath(String path, Fd parent, FileStat parentStat, Optional<Fd> object, Optional<FileStat> stat,
        List<String> missing) implements AutoCloseable {
    public ResolvedPath {
        missing = List.copyOf(missing);
        if (object.isPresent() != stat.isPresent() || object.isPresent() == !missing.isEmpty()) {
            throw new IllegalArgumentException("an object with its stat, or the missing names");
        }
    }

    public boolean exists() {
        return object.isPresent();
    }

    /** the object's name in {@code parent}: its final component, or the first missing one ("" for {@code /}). */
    public String name() {
        if (!missing.isEmpty()) {
            return missing.getFirst();
        }
        int slash = path.lastIndexOf('/');
        return path.substring(slash + 1);
    }

    /** the object, or an {@code ENOENT} failure naming the path. */
    public Fd requireObject() throws PosixException {
        return object.orElseThrow(() -> new PosixException(path, PosixException.ENOENT));
    }

    /** the object's stat, or an {@code ENOENT} failure naming the path. */
    public FileStat requireStat() throws PosixException {
        return stat.orElseThrow(() -> new PosixException(path, PosixException.ENOENT));
    }

    /**
     * what a confirmation binds: the object's identity, or the holding directory's identity and the
     * names to create. the same string means the same objects.
     */
    public String identity() {
        return stat.map(s -> s.id().toString() + " " + s.kind().wireName())
                .orElseGet(() -> parentStat.id() + "+" + String.join("/", missing));
    }

    @Override
    public void close() {
        object.ifPresent(Fd::close);
        parent.close();
    }
}
