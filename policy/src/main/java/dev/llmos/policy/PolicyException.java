package dev.llmos.policy;

/**
 * a policy source that cannot be used, naming the file, the line and column (when known) and what
 * is wrong. the message reads {@code file:line:column: detail}, {@code file:line: detail} or
 * {@code file: detail}.
 */
public final class PolicyException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final int column;
    private final String detail;

    /**
     * @param file the source name, usually a file path
     * @param line the 1-based line, or 0 when the problem is the file as a whole
     * @param detail what is wrong, for people
     */
    public PolicyException(String file, int line, String detail) {
        this(file, line, 0, detail);
    }

    /**
     * @param file the source name, usually a file path
     * @param line the 1-based line, or 0 when the problem is the file as a whole
     * @param column the 1-based column on that line, or 0 when only the line is known
     * @param detail what is wrong, for people
     */
    public PolicyException(String file, int line, int column, String detail) {
        super(file + (line > 0 ? ":" + line + (column > 0 ? ":" + column : "") : "") + ": " + detail);
        this.file = file;
        this.line = line;
        this.column = line > 0 ? column : 0;
        this.detail = detail;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    /** the 1-based column, or 0 when unknown. */
    public int column() {
        return column;
    }

    public String detail() {
        return detail;
    }
}
