package dev.llmos.posix;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.channels.Channel;
import java.util.OptionalInt;

/**
 * the file descriptor behind a jdk socket channel. the jdk keeps it internal; it is reachable when
 * the jvm runs with {@code --add-exports java.base/sun.nio.ch=ALL-UNNAMED}, and absent otherwise.
 */
public final class SocketFds {
    private static final MethodHandle GET_FD_VAL = find();

    private SocketFds() {
    }

    private static MethodHandle find() {
        try {
            Class<?> selChImpl = Class.forName("sun.nio.ch.SelChImpl");
            return MethodHandles.lookup().findVirtual(selChImpl, "getFDVal", MethodType.methodType(int.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    public static OptionalInt fdOf(Channel channel) {
        if (GET_FD_VAL == null) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of((int) GET_FD_VAL.invoke(channel));
        } catch (Throwable t) {
            return OptionalInt.empty();
        }
    }
}
