package dev.llmos.support.process;

/** why a run ended. */
public enum Ending {
    /** the program exited (or was killed) on its own; its status says how. */
    EXITED,
    /** the time limit passed and the run was stopped. */
    TIMED_OUT,
    /** the client cancelled and the run was stopped. */
    CANCELLED,
    /** standard output went past its limit and the run was stopped ({@link ProcessRunner#stopWhenFull()}). */
    OUTPUT_LIMIT,
    /** the watcher asked to stop ({@link ProcessRunner.Watch}). */
    STOPPED
}
