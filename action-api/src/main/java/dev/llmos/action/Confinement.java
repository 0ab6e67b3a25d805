package dev.llmos.action;

/** which process runs an action's {@code execute}; see {@link Action#confinement()}. */
public enum Confinement {
    /** a process with the caller's own uid, gid and groups: the kernel enforces what it may touch. */
    CALLER,
    /**
     * the daemon, which confines what the action starts (uid, sandbox, resource limits) with
     * privileges the caller does not have.
     */
    LAUNCHER
}
