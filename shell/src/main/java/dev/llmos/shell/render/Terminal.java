package dev.llmos.shell.render;

import dev.llmos.posix.Tty;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * what the process is connected to: which standard streams are terminals, how wide and tall the
 * terminal is, and whether to colour. asking is cheap when output goes to a file or a pipe: the
 * descriptor's target is read from /proc first, and only a device is asked {@code isatty}.
 */
public final class Terminal {
    /** when to colour, as {@code --color} says. */
    public enum ColorMode {
        AUTO,
        ALWAYS,
        NEVER
    }

    private final Map<String, String> env;
    private Boolean[] ttys = new Boolean[3];
    private Tty.Size size;
    private boolean sized;

    public Terminal(Map<String, String> env) {
        this.env = env;
    }

    /** whether descriptor {@code fd} (0, 1 or 2) is a terminal. */
    public boolean isTty(int fd) {
        if (ttys[fd] == null) {
            ttys[fd] = probe(fd);
        }
        return ttys[fd];
    }

    private static boolean probe(int fd) {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
            return target.startsWith("/dev/") && !target.equals("/dev/null") && Tty.isatty(fd);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** whether to colour what goes to descriptor {@code fd}: a terminal, no {@code NO_COLOR}, not a dumb one. */
    public boolean color(int fd, ColorMode mode) {
        return switch (mode) {
            case ALWAYS -> true;
            case NEVER -> false;
            case AUTO -> isTty(fd) && isEmpty(env.get("NO_COLOR")) && !"dumb".equals(env.get("TERM"));
        };
    }

    /** the width to lay output out in: the terminal's on a terminal, else {@code $COLUMNS}, else 0 (no limit). */
    public int width(int fd) {
        if (isTty(fd) && size() != null) {
            return size().columns();
        }
        return number(env.get("COLUMNS"));
    }

    /** the terminal's height in rows, or 0 when unknown. */
    public int height() {
        Tty.Size s = size();
        return s != null ? s.rows() : number(env.get("LINES"));
    }

    private Tty.Size size() {
        if (!sized) {
            sized = true;
            for (int fd : new int[] {1, 2, 0}) {
                if (isTty(fd)) {
                    size = Tty.size(fd);
                    if (size != null) {
                        break;
                    }
                }
            }
        }
        return size;
    }

    private static int number(String text) {
        if (text == null || text.isEmpty() || text.length() > 5) {
            return 0;
        }
        for (int i = 0; i < text.length(); i++) {
            if (!Character.isDigit(text.charAt(i))) {
                return 0;
            }
        }
        return Integer.parseInt(text);
    }

    private static boolean isEmpty(String value) {
        return value == null || value.isEmpty();
    }
}
