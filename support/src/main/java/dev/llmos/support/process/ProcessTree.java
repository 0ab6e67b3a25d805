package dev.llmos.support.process;

import java.util.ArrayList;
import java.util.List;

/**
 * kills a process and everything it started that is still its descendant. the tree is read from
 * {@code /proc} (through {@link ProcessHandle#descendants()}) before anything is killed, and read
 * again a few times, so children forked meanwhile are caught too; a process that escaped the tree
 * (double-forked and reparented) is out of reach, which is why a confinement that owns a cgroup
 * kills by cgroup instead ({@link ProcessRunner#stopWith}).
 */
public final class ProcessTree {
    private static final int ROUNDS = 3;

    private ProcessTree() {
    }

    /** sends sigkill to {@code process} and all its descendants. */
    public static void kill(Process process) {
        kill(process.toHandle());
    }

    /** sends sigkill to {@code root} and all its descendants. */
    public static void kill(ProcessHandle root) {
        List<ProcessHandle> tree = new ArrayList<>(root.descendants().toList());
        root.destroyForcibly();
        for (int round = 0; round < ROUNDS && !tree.isEmpty(); round++) {
            List<ProcessHandle> next = new ArrayList<>();
            for (ProcessHandle handle : tree) {
                next.addAll(handle.descendants().toList());
                handle.destroyForcibly();
            }
            tree = next;
        }
    }
}
