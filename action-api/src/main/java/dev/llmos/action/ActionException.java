package dev.llmos.action;

/**
 * an action that could not do its work: the error reaches the client as -32003 with the message,
 * and for programs the exit code and the tail of stderr.
 */
public class ActionException extends Exception {
    private final Integer exitCode;
    private final String stderr;

    public ActionException(String message) {
        this(message, null, null);
    }

    public ActionException(String message, Integer exitCode, String stderr) {
        super(message, null, false, false);
        this.exitCode = exitCode;
        this.stderr = stderr;
    }

    /** the failed program's exit code, or null when no program ran. */
    public Integer exitCode() {
        return exitCode;
    }

    /** the tail of the failed program's stderr, or null. */
    public String stderr() {
        return stderr;
    }
}
