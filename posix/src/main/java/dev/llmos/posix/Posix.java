package dev.llmos.posix;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * the few libc calls the jdk does not offer, through the ffm api (linux, x86_64 and aarch64 lp64).
 * every call that can fail reports errno in a {@link PosixException}.
 */
public final class Posix {
    private static final int SOL_SOCKET = 1;
    private static final int SO_PEERCRED = 17;
    private static final int SO_PEERPIDFD = 77;
    private static final int ENOPROTOOPT = 92;
    private static final int ERANGE = 34;
    /** the syscall numbers of pidfd_open and pidfd_send_signal (the same in the generic and the x86_64 tables). */
    private static final long SYS_PIDFD_SEND_SIGNAL = 424;
    private static final long SYS_PIDFD_OPEN = 434;

    private static final MethodHandle GETUID = plain("getuid", FunctionDescriptor.of(ValueLayout.JAVA_INT));
    private static final MethodHandle GETEUID = plain("geteuid", FunctionDescriptor.of(ValueLayout.JAVA_INT));
    private static final MethodHandle GETGID = plain("getgid", FunctionDescriptor.of(ValueLayout.JAVA_INT));
    private static final MethodHandle SIGNAL = plain("signal", FunctionDescriptor.of(ValueLayout.ADDRESS,
            ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
    private static final MethodHandle DUP2 = Libc.withErrno("dup2",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle CLOSE = Libc.withErrno("close",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle KILL = Libc.withErrno("kill",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle SYSCALL_PIDFD_OPEN = Libc.withErrno("syscall", FunctionDescriptor.of(
            ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG),
            Linker.Option.firstVariadicArg(1));
    private static final MethodHandle SYSCALL_PIDFD_SEND_SIGNAL = Libc.withErrno("syscall", FunctionDescriptor.of(
            ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG,
            ValueLayout.ADDRESS, ValueLayout.JAVA_LONG), Linker.Option.firstVariadicArg(1));
    private static final MethodHandle GETSOCKOPT = Libc.withErrno("getsockopt", FunctionDescriptor.of(
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
    private static final MethodHandle GETGRNAM_R = plain("getgrnam_r", FunctionDescriptor.of(
            ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS,
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
    private static final long GR_GID = 16;
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
        return id(GETUID);
    }

    /** the effective uid: what the kernel checks (root's is 0). */
    public static int geteuid() {
        return id(GETEUID);
    }

    public static int getgid() {
        return id(GETGID);
    }

    private static int id(MethodHandle call) {
        try {
            return (int) call.invokeExact();
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
    }

    /** kill(2): sends {@code signal} to process {@code pid}; the kernel decides whether this process may. */
    public static void kill(long pid, Signal signal) throws PosixException {
        if (pid <= 0 || pid > Integer.MAX_VALUE) {
            // 0 and negative pids name process groups, -1 every process: never meant here
            throw new IllegalArgumentException("not a process id: " + pid);
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.state(arena);
            int rc = (int) KILL.invokeExact(state, (int) pid, signal.number());
            Libc.check(rc, state, "kill " + pid);
        } catch (PosixException e) {
            throw e;
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
    }

    /**
     * pidfd_open(2): a descriptor that names process {@code pid} for as long as it is held, even after
     * the pid is reused by another process; {@link #signal} sends through it.
     */
    public static Fd pidfd(long pid) throws PosixException {
        if (pid <= 0 || pid > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("not a process id: " + pid);
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.state(arena);
            long rc = (long) SYSCALL_PIDFD_OPEN.invokeExact(state, SYS_PIDFD_OPEN, pid, 0L);
            return Fd.adopt((int) Libc.check(rc, state, "pidfd_open " + pid));
        } catch (PosixException e) {
            throw e;
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
    }

    /** pidfd_send_signal(2): sends {@code signal} to the process {@code pidfd} names, never to a reused pid. */
    public static void signal(Fd pidfd, Signal signal) throws PosixException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.state(arena);
            long rc = (long) SYSCALL_PIDFD_SEND_SIGNAL.invokeExact(state, SYS_PIDFD_SEND_SIGNAL, (long) pidfd.number(),
                    (long) signal.number(), MemorySegment.NULL, 0L);
            Libc.check(rc, state, "pidfd_send_signal");
        } catch (PosixException e) {
            throw e;
        } catch (Throwable t) {
            throw Libc.unexpected(t);
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
            throw Libc.unexpected(t);
        }
    }

    public static void dup2(int from, int to) throws PosixException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.state(arena);
            int rc = (int) DUP2.invokeExact(state, from, to);
            Libc.check(rc, state, "dup2");
        } catch (PosixException e) {
            throw e;
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
    }

    public static void close(int fd) throws PosixException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.state(arena);
            int rc = (int) CLOSE.invokeExact(state, fd);
            Libc.check(rc, state, "close");
        } catch (PosixException e) {
            throw e;
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
    }

    /**
     * a pidfd of the process that connected a unix socket (so_peerpidfd, linux 6.5): it keeps naming
     * that process even after its pid is reused. empty on a kernel without it.
     */
    public static Optional<Fd> peerPidfd(int fd) throws PosixException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.state(arena);
            MemorySegment pidfd = arena.allocate(ValueLayout.JAVA_INT);
            MemorySegment length = arena.allocate(ValueLayout.JAVA_INT);
            length.set(ValueLayout.JAVA_INT, 0, 4);
            int rc = (int) GETSOCKOPT.invokeExact(state, fd, SOL_SOCKET, SO_PEERPIDFD, pidfd, length);
            if (rc < 0 && Libc.errno(state) == ENOPROTOOPT) {
                return Optional.empty();
            }
            Libc.check(rc, state, "getsockopt(SO_PEERPIDFD)");
            return Optional.of(Fd.adopt(pidfd.get(ValueLayout.JAVA_INT, 0)));
        } catch (PosixException e) {
            throw e;
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
    }

    /** so_peercred of a connected unix socket file descriptor. */
    public static PeerCredentials peerCredentials(int fd) throws PosixException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.state(arena);
            MemorySegment ucred = arena.allocate(12, 4);
            MemorySegment length = arena.allocate(ValueLayout.JAVA_INT);
            length.set(ValueLayout.JAVA_INT, 0, 12);
            int rc = (int) GETSOCKOPT.invokeExact(state, fd, SOL_SOCKET, SO_PEERCRED, ucred, length);
            Libc.check(rc, state, "getsockopt(SO_PEERCRED)");
            return new PeerCredentials(
                    Integer.toUnsignedLong(ucred.get(ValueLayout.JAVA_INT, 0)),
                    ucred.get(ValueLayout.JAVA_INT, 4),
                    ucred.get(ValueLayout.JAVA_INT, 8));
        } catch (PosixException e) {
            throw e;
        } catch (Throwable t) {
            throw Libc.unexpected(t);
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
        return lookup(GROUP_SIZE, (arena, grp, buf, size, result) -> (int) GETGRGID_R.invokeExact(gid, grp, buf, size, result))
                .map(grp -> string(grp, 0));
    }

    /** the id of the group named {@code name}, or empty when there is none. */
    public static OptionalInt groupId(String name) {
        return lookup(GROUP_SIZE, (arena, grp, buf, size, result) ->
                (int) GETGRNAM_R.invokeExact(arena.allocateFrom(name), grp, buf, size, result))
                .map(grp -> OptionalInt.of(grp.get(ValueLayout.JAVA_INT, GR_GID))).orElse(OptionalInt.empty());
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
                throw Libc.unexpected(t);
            }
        }
    }

    @FunctionalInterface
    private interface EntryCall {
        int call(Arena arena, MemorySegment entry, MemorySegment buf, long size, MemorySegment result) throws Throwable;
    }

    private static Optional<Passwd> lookupPasswd(EntryCall call) {
        return lookup(PASSWD_SIZE, call).map(pwd -> new Passwd(string(pwd, 0), pwd.get(ValueLayout.JAVA_INT, PW_UID),
                pwd.get(ValueLayout.JAVA_INT, PW_GID), string(pwd, PW_DIR), string(pwd, PW_SHELL)));
    }

    /**
     * calls a reentrant user or group database function ({@code getpwnam_r}, {@code getgrgid_r}, ...)
     * with a buffer that grows until the entry fits; the filled struct (its strings point into the
     * buffer, which lives as long as the struct), or empty when there is no such entry.
     */
    private static Optional<MemorySegment> lookup(long structSize, EntryCall call) {
        for (long size = 1024; size <= 1 << 20; size *= 4) {
            Arena arena = Arena.ofAuto();
            try {
                MemorySegment entry = arena.allocate(structSize, 8);
                MemorySegment buf = arena.allocate(size);
                MemorySegment result = arena.allocate(ValueLayout.ADDRESS);
                int rc = call.call(arena, entry, buf, size, result);
                if (rc == ERANGE) {
                    continue;
                }
                if (rc != 0 || result.get(ValueLayout.ADDRESS, 0).equals(MemorySegment.NULL)) {
                    return Optional.empty();
                }
                return Optional.of(entry);
            } catch (Throwable t) {
                throw Libc.unexpected(t);
            }
        }
        return Optional.empty();
    }

    private static String string(MemorySegment struct, long offset) {
        MemorySegment pointer = struct.get(ValueLayout.ADDRESS, offset);
        return pointer.equals(MemorySegment.NULL) ? "" : pointer.reinterpret(Long.MAX_VALUE).getString(0);
    }

    private static MethodHandle plain(String name, FunctionDescriptor descriptor) {
        return Libc.LINKER.downcallHandle(Libc.SYMBOLS.findOrThrow(name), descriptor);
    }
}
