package dev.llmos.policy;

/**
 * a policy source that cannot be used, naming the file, the line (when known) and what is wrong.
 * the message reads {@code file:line: detail}.
 */
public final class PolicyException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final String detail;

    /**
     * @param file the source name, usually a file path
     * @param line the 1-based line, or 0 when the problem is the file as a whole
     * @param detail what is wrong, for people
     */
    public PolicyException(String file, int line, String detail) {
        super(file + (line > 0 ? ":" + line : "") + ": " + detail);
        this.file = file;
        this.line = line;
        this.detail = detail;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public String detail() {
        return detail;
    }
}
