package dev.llmos.action;

/** which process runs an action's {@code execute}; see {@link Action#confinement()}. */
public enum Confinement {
    /** a process with the caller's own uid, gid and groups: the kernel enforces what it may touch. */
    CALLER,
    /**
     * the daemon, which confines what the action starts (uid, sandbox, resource limits) with
     * privileges the caller does not have.
     */
    LAUNCHER;

    /**
     * every process a {@link #LAUNCHER} action starts lives in a cgroup whose name starts with this
     * (a transient unit {@code llm-osd-run-*.service}, or a group the action makes): the daemon
     * treats a peer in such a cgroup as a program it runs, which can never confirm.
     */
    public static final String SANDBOX_CGROUP_PREFIX = "llm-osd-run-";
}
