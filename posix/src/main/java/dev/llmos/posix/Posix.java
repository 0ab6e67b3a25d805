package dev.llmos.posix;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.Optional;

/**
 * the few libc calls the jdk does not offer, through the ffm api (linux, x86_64 and aarch64 lp64).
 * every call that can fail reports errno in a {@link PosixException}.
 */
public final class Posix {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final Linker.Option ERRNO = Linker.Option.captureCallState("errno");
    private static final MemoryLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO_HANDLE =
            CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    private static final int SOL_SOCKET = 1;
    private static final int SO_PEERCRED = 17;
    private static final int SO_PEERPIDFD = 77;
    private static final int ENOPROTOOPT = 92;
    private static final int ERANGE = 34;

    private static final MethodHandle GETUID = plain("getuid", FunctionDescriptor.of(ValueLayout.JAVA_INT));
    private static final MethodHandle GETGID = plain("getgid", FunctionDescriptor.of(ValueLayout.JAVA_INT));
    private static final MethodHandle SIGNAL = plain("signal", FunctionDescriptor.of(ValueLayout.ADDRESS,
            ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
    private static final MethodHandle DUP2 = withErrno("dup2",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle CLOSE = withErrno("close",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle GETSOCKOPT = withErrno("getsockopt", FunctionDescriptor.of(
            ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
            ValueLayout.ADDRESS, ValueLayout.ADDRESS));
    private static final MethodHandle GETPWUID_R = plain("getpwuid_r", FunctionDescriptor.of(
            ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS,
            ValueLayout.JAVA_LONG, ValueLayout.ADDRESS));
    private static final MethodHandle GETPWNAM_R = plain("getpwnam_r", FunctionDescriptor.of(
            ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS,
            ValueLayout.JAVA_LONG, ValueLayout.ADDRESS));
    private static final MethodHandle GETGRGID_R = plain("getgrgid_r", FunctionDescriptor.of(
            ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS,
            ValueLayout.JAVA_LONG, ValueLayout.ADDRESS));
    private static final MethodHandle GETGROUPLIST = plain("getgrouplist", FunctionDescriptor.of(
            ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
            ValueLayout.ADDRESS));

    /** struct passwd: name, passwd, uid, gid, gecos, dir, shell. */
    private static final long PW_UID = 16;
    private static final long PW_GID = 20;
    private static final long PW_DIR = 32;
    private static final long PW_SHELL = 40;
    private static final long PASSWD_SIZE = 48;
    /** struct group: name, passwd, gid, members. */
    private static final long GROUP_SIZE = 32;

    private Posix() {
    }

    /** a user database entry. */
    public record Passwd(String name, int uid, int gid, String home, String shell) {
    }

    /** the credentials of the peer of a unix socket, as the kernel recorded them at connect. */
    public record PeerCredentials(long pid, int uid, int gid) {
    }

    public static int getuid() {
        try {
            return (int) GETUID.invokeExact();
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    public static int getgid() {
        try {
            return (int) GETGID.invokeExact();
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /**
     * gives signal {@code signal} its default disposition. a process started with a signal ignored
     * (under nohup, say) inherits that, and the jvm then silently declines a handler for it.
     */
    public static void defaultDisposition(int signal) {
        try {
            MemorySegment previous = (MemorySegment) SIGNAL.invokeExact(signal, MemorySegment.NULL);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    public static void dup2(int from, int to) throws PosixException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            int rc = (int) DUP2.invokeExact(state, from, to);
            check(rc, state, "dup2");
        } catch (PosixException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    public static void close(int fd) throws PosixException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            int rc = (int) CLOSE.invokeExact(state, fd);
            check(rc, state, "close");
        } catch (PosixException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /**
     * a pidfd of the process that connected a unix socket (so_peerpidfd, linux 6.5): it keeps naming
     * that process even after its pid is reused. empty on a kernel without it.
     */
    public static Optional<Fd> peerPidfd(int fd) throws PosixException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            MemorySegment pidfd = arena.allocate(ValueLayout.JAVA_INT);
            MemorySegment length = arena.allocate(ValueLayout.JAVA_INT);
            length.set(ValueLayout.JAVA_INT, 0, 4);
            int rc = (int) GETSOCKOPT.invokeExact(state, fd, SOL_SOCKET, SO_PEERPIDFD, pidfd, length);
            if (rc < 0 && (int) ERRNO_HANDLE.get(state, 0L) == ENOPROTOOPT) {
                return Optional.empty();
            }
            check(rc, state, "getsockopt(SO_PEERPIDFD)");
            return Optional.of(Fd.adopt(pidfd.get(ValueLayout.JAVA_INT, 0)));
        } catch (PosixException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** so_peercred of a connected unix socket file descriptor. */
    public static PeerCredentials peerCredentials(int fd) throws PosixException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            MemorySegment ucred = arena.allocate(12, 4);
            MemorySegment length = arena.allocate(ValueLayout.JAVA_INT);
            length.set(ValueLayout.JAVA_INT, 0, 12);
            int rc = (int) GETSOCKOPT.invokeExact(state, fd, SOL_SOCKET, SO_PEERCRED, ucred, length);
            check(rc, state, "getsockopt(SO_PEERCRED)");
            return new PeerCredentials(
                    Integer.toUnsignedLong(ucred.get(ValueLayout.JAVA_INT, 0)),
                    ucred.get(ValueLayout.JAVA_INT, 4),
                    ucred.get(ValueLayout.JAVA_INT, 8));
        } catch (PosixException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    public static Optional<Passwd> passwd(int uid) {
        return lookupPasswd((arena, pwd, buf, size, result) ->
                (int) GETPWUID_R.invokeExact(uid, pwd, buf, size, result));
    }

    public static Optional<Passwd> passwd(String name) {
        return lookupPasswd((arena, pwd, buf, size, result) ->
                (int) GETPWNAM_R.invokeExact(arena.allocateFrom(name), pwd, buf, size, result));
    }

    public static Optional<String> groupName(int gid) {
        for (long size = 1024; size <= 1 << 20; size *= 4) {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment grp = arena.allocate(GROUP_SIZE, 8);
                MemorySegment buf = arena.allocate(size);
                MemorySegment result = arena.allocate(ValueLayout.ADDRESS);
                int rc = (int) GETGRGID_R.invokeExact(gid, grp, buf, size, result);
                if (rc == ERANGE) {
                    continue;
                }
                if (rc != 0 || result.get(ValueLayout.ADDRESS, 0).equals(MemorySegment.NULL)) {
                    return Optional.empty();
                }
                return Optional.of(string(grp, 0));
            } catch (Throwable t) {
                throw unexpected(t);
            }
        }
        return Optional.empty();
    }

    /** the groups of {@code user}, including {@code primaryGid}, as initgroups(3) would set them. */
    public static int[] groupList(String user, int primaryGid) {
        int capacity = 64;
        while (true) {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment groups = arena.allocate(ValueLayout.JAVA_INT, capacity);
                MemorySegment count = arena.allocate(ValueLayout.JAVA_INT);
                count.set(ValueLayout.JAVA_INT, 0, capacity);
                int rc = (int) GETGROUPLIST.invokeExact(arena.allocateFrom(user), primaryGid, groups, count);
                int n = count.get(ValueLayout.JAVA_INT, 0);
                if (rc >= 0) {
                    int[] out = groups.asSlice(0, (long) n * 4).toArray(ValueLayout.JAVA_INT);
                    Arrays.sort(out);
                    return out;
                }
                capacity = Math.max(n, capacity * 2);
            } catch (Throwable t) {
                throw unexpected(t);
            }
        }
    }

    @FunctionalInterface
    private interface PasswdCall {
        int call(Arena arena, MemorySegment pwd, MemorySegment buf, long size, MemorySegment result) throws Throwable;
    }

    private static Optional<Passwd> lookupPasswd(PasswdCall call) {
        for (long size = 1024; size <= 1 << 20; size *= 4) {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment pwd = arena.allocate(PASSWD_SIZE, 8);
                MemorySegment buf = arena.allocate(size);
                MemorySegment result = arena.allocate(ValueLayout.ADDRESS);
                int rc = call.call(arena, pwd, buf, size, result);
                if (rc == ERANGE) {
                    continue;
                }
                if (rc != 0 || result.get(ValueLayout.ADDRESS, 0).equals(MemorySegment.NULL)) {
                    return Optional.empty();
                }
                return Optional.of(new Passwd(string(pwd, 0), pwd.get(ValueLayout.JAVA_INT, PW_UID),
                        pwd.get(ValueLayout.JAVA_INT, PW_GID), string(pwd, PW_DIR), string(pwd, PW_SHELL)));
            } catch (Throwable t) {
                throw unexpected(t);
            }
        }
        return Optional.empty();
    }

    private static String string(MemorySegment struct, long offset) {
        MemorySegment pointer = struct.get(ValueLayout.ADDRESS, offset);
        return pointer.equals(MemorySegment.NULL) ? "" : pointer.reinterpret(Long.MAX_VALUE).getString(0);
    }

    private static void check(int rc, MemorySegment state, String call) throws PosixException {
        if (rc < 0) {
            throw new PosixException(call, (int) ERRNO_HANDLE.get(state, 0L));
        }
    }

    private static MethodHandle plain(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(LIBC.findOrThrow(name), descriptor);
    }

    private static MethodHandle withErrno(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(LIBC.findOrThrow(name), descriptor, ERRNO);
    }

    private static IllegalStateException unexpected(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }
}
