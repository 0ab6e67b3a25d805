package dev.llmos.policy;

import java.nio.file.Path;

/**
 * the policy in force, loaded from a file and a drop-in directory and reloaded on demand (the
 * daemon calls {@link #reload()} on sighup). a reload that fails keeps the last good policy.
 */
public final class PolicyStore {
    private final Path file;
    private final Path dir;
    private volatile Policy current;

    private PolicyStore(Path file, Path dir, Policy current) {
        this.file = file;
        this.dir = dir;
        this.current = current;
    }

    /** loads the policy; a broken policy at start is an error (the daemon must not start without one). */
    public static PolicyStore open(Path file, Path dir) throws PolicyException {
        return new PolicyStore(file, dir, PolicyLoader.load(file, dir));
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
        Policy loaded = PolicyLoader.load(file, dir);
        current = loaded;
        return loaded;
    }
}
