package dev.llmos.posix;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * one datagram to a unix datagram socket (the jdk's channels speak only unix stream sockets), e.g.
 * journald's native protocol socket {@code /run/systemd/journal/socket}.
 */
public final class UnixDatagram {
    private static final int AF_UNIX = 1;
    private static final int SOCK_DGRAM = 2;
    /** struct sockaddr_un: sa_family_t (2 bytes), then sun_path[108]. */
    private static final int SOCKADDR_UN_SIZE = 110;
    private static final int SUN_PATH_MAX = 107;

    private static final MethodHandle SOCKET = Libc.withErrno("socket", FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle SENDTO = Libc.withErrno("sendto", FunctionDescriptor.of(ValueLayout.JAVA_LONG,
            ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
            ValueLayout.JAVA_INT));

    private UnixDatagram() {
    }

    /** sends {@code payload} as one datagram to the socket at {@code path}. */
    public static void send(Path path, byte[] payload) throws PosixException {
        byte[] name = path.toString().getBytes(StandardCharsets.UTF_8);
        if (name.length > SUN_PATH_MAX) {
            throw new IllegalArgumentException("socket path longer than " + SUN_PATH_MAX + " bytes: " + path);
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.state(arena);
            int fd = (int) Libc.check((int) SOCKET.invokeExact(state, AF_UNIX, SOCK_DGRAM | Libc.O_CLOEXEC, 0), state,
                    "socket");
            try {
                MemorySegment address = arena.allocate(SOCKADDR_UN_SIZE, 2);
                address.set(ValueLayout.JAVA_SHORT, 0, (short) AF_UNIX);
                MemorySegment.copy(name, 0, address, ValueLayout.JAVA_BYTE, 2, name.length);
                MemorySegment buffer = arena.allocate(Math.max(payload.length, 1));
                MemorySegment.copy(payload, 0, buffer, ValueLayout.JAVA_BYTE, 0, payload.length);
                long sent = Libc.check((long) SENDTO.invokeExact(state, fd, buffer, (long) payload.length, 0, address,
                        SOCKADDR_UN_SIZE), state, "sendto");
                if (sent != payload.length) {
                    throw new PosixException("sendto (short: " + sent + " of " + payload.length + " bytes)", 0);
                }
            } finally {
                Posix.close(fd);
            }
        } catch (PosixException e) {
            throw e;
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
    }
}
