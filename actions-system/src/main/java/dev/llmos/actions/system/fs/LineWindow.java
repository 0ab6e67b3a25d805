package dev.llmos.actions.system.fs;

/**
 * where the first or the last lines of some bytes end or begin, as head(1) and tail(1) count them: a
 * line ends with a newline, and a final newline ends the last line rather than starting an empty one.
 * pure.
 */
final class LineWindow {
    private LineWindow() {
    }

    /** how many of {@code bytes[0, length)} the first {@code lines} lines take (all of them when fewer). */
    static int firstLinesEnd(byte[] bytes, int length, int lines) {
        int seen = 0;
        for (int i = 0; i < length; i++) {
            if (bytes[i] == '\n' && ++seen == lines) {
                return i + 1;
            }
        }
        return length;
    }

    /** where the last {@code lines} lines of {@code bytes[0, length)} begin (0 when there are fewer). */
    static int lastLinesStart(byte[] bytes, int length, int lines) {
        int seen = 0;
        int end = length > 0 && bytes[length - 1] == '\n' ? length - 1 : length;
        for (int i = end - 1; i >= 0; i--) {
            if (bytes[i] == '\n' && ++seen == lines) {
                return i + 1;
            }
        }
        return 0;
    }
}
