package dev.llmos.policy;

import java.nio.file.Path;
import java.util.List;

/**
 * the policy in force, loaded from a file and a drop-in directory and reloaded on demand (the
 * daemon calls {@link #reload()} on sighup). a reload that fails keeps the last good policy.
 */
public final class PolicyStore {
    private final Path file;
    private final Path dir;
    private final List<String> own;
    private volatile Policy current;

    private PolicyStore(Path file, Path dir, List<String> own) throws PolicyException {
        this.file = file;
        this.dir = dir;
        this.own = List.copyOf(own);
        this.current = load();
    }

    /** loads the policy; a broken policy at start is an error (the daemon must not start without one). */
    public static PolicyStore open(Path file, Path dir) throws PolicyException {
        return open(file, dir, List.of());
    }

    /**
     * as {@link #open(Path, Path)}, with the daemon's own files protected ({@link Policy#protecting}).
     *
     * @param own canonical absolute paths, each protected with everything beneath it
     */
    public static PolicyStore open(Path file, Path dir, List<String> own) throws PolicyException {
        return new PolicyStore(file, dir, own);
    }

    private Policy load() throws PolicyException {
        return PolicyLoader.load(file, dir).protecting(own);
    }

    /** the main policy file (it may not exist yet). */
    public Path file() {
        return file;
    }

    /** the drop-in directory read after the main file. */
    public Path dir() {
        return dir;
    }

    public Policy current() {
        return current;
    }

    /**
     * loads the files again and puts the new policy in force.
     *
     * @return the new policy
     * @throws PolicyException when the files are broken; the previous policy stays in force
     */
    public Policy reload() throws PolicyException {
        Policy loaded = load();
        current = loaded;
        return loaded;
    }
}
