package dev.llmos.posix;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * terminal facts the jdk does not give per file descriptor: whether a descriptor is a terminal,
 * and its size. a class of its own so that asking costs only these two bindings, not
 * {@link Posix}'s.
 */
public final class Tty {
    private static final int TIOCGWINSZ = 0x5413;
    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle ISATTY = LINKER.downcallHandle(LINKER.defaultLookup().findOrThrow("isatty"),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle IOCTL = LINKER.downcallHandle(LINKER.defaultLookup().findOrThrow("ioctl"),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS),
            Linker.Option.firstVariadicArg(2));

    private Tty() {
    }

    /** the size of a terminal in character cells. */
    public record Size(int columns, int rows) {
    }

    public static boolean isatty(int fd) {
        try {
            return (int) ISATTY.invokeExact(fd) == 1;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** the size of the terminal on {@code fd}, or null when it is not a terminal or reports none. */
    public static Size size(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            // struct winsize: unsigned short ws_row, ws_col, ws_xpixel, ws_ypixel
            MemorySegment winsize = arena.allocate(8);
            int status = (int) IOCTL.invokeExact(fd, (long) TIOCGWINSZ, winsize);
            if (status != 0) {
                return null;
            }
            int rows = Short.toUnsignedInt(winsize.get(ValueLayout.JAVA_SHORT, 0));
            int columns = Short.toUnsignedInt(winsize.get(ValueLayout.JAVA_SHORT, 2));
            return rows == 0 || columns == 0 ? null : new Size(columns, rows);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
