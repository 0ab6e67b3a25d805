package dev.llmos.posix;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * a root process becoming another user for good, in place: the user's groups, gid and uid (real,
 * effective and saved; glibc applies them to every thread of the process, and with them every
 * capability is gone). because the process itself changes its credentials, the kernel marks it
 * not dumpable: the user it became can neither ptrace it nor read its memory or its {@code /proc}
 * files, so what it reports cannot be forged by that user (unlike a process started already as the
 * user, which that user may attach to from the first instruction).
 *
 * <p>the bounding set and {@code no_new_privs} are per thread, and a jvm has started threads
 * before any java code runs, so those must be set before the jvm starts (setpriv
 * {@code --bounding-set=-all,+setuid,+setgid --inh-caps=-all --no-new-privs}, still as root: the
 * two left are what the drop itself needs, and once the uid is not 0, with {@code no_new_privs},
 * nothing can bring them back); the check after the drop looks at every thread.
 */
public final class Privileges {
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT;
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG;

    private static final MethodHandle PRCTL = Libc.withErrno("prctl",
            FunctionDescriptor.of(INT, INT, LONG, LONG, LONG, LONG), Linker.Option.firstVariadicArg(1));
    private static final MethodHandle SETGROUPS = Libc.withErrno("setgroups",
            FunctionDescriptor.of(INT, LONG, ValueLayout.ADDRESS));
    private static final MethodHandle SETRESGID = Libc.withErrno("setresgid",
            FunctionDescriptor.of(INT, INT, INT, INT));
    private static final MethodHandle SETRESUID = Libc.withErrno("setresuid",
            FunctionDescriptor.of(INT, INT, INT, INT));

    /** cap_setgid (6) and cap_setuid (7): the bounding set's only entries the drop needs. */
    private static final long SETID_CAPABILITIES = (1L << 6) | (1L << 7);
    private static final int PR_GET_DUMPABLE = 3;
    private static final int PR_SET_DUMPABLE = 4;

    private Privileges() {
    }

    /**
     * drops this root process to {@code uid}, {@code gid} and {@code groups}, irreversibly, and
     * checks the result (ids, no capabilities, no_new_privs, not dumpable).
     */
    public static void dropTo(int uid, int gid, int[] groups) throws PosixException, IOException {
        if (uid == 0) {
            throw new IllegalArgumentException("dropping to root is no drop");
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment list = arena.allocate(INT, Math.max(1, groups.length));
            for (int i = 0; i < groups.length; i++) {
                list.setAtIndex(INT, i, groups[i]);
            }
            MemorySegment state = Libc.state(arena);
            Libc.check((int) SETGROUPS.invokeExact(state, (long) groups.length, list), state, "setgroups");
            Libc.check((int) SETRESGID.invokeExact(state, gid, gid, gid), state, "setresgid");
            Libc.check((int) SETRESUID.invokeExact(state, uid, uid, uid), state, "setresuid");
        } catch (PosixException e) {
            throw e;
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
        // the credential change already made it so; said again, in case a kernel ever does not
        prctl(PR_SET_DUMPABLE, 0, "prctl(PR_SET_DUMPABLE)");
        try (var threads = Files.list(Path.of("/proc/self/task"))) {
            for (Path thread : threads.toList()) {
                verify(Files.readString(thread.resolve("status")), uid, gid, groups);
            }
        }
        if (prctlGet(PR_GET_DUMPABLE) != 0) {
            throw new IllegalStateException("the privilege drop did not take: the process is still dumpable");
        }
    }

    /** refuses to go on unless a thread's {@code status} is exactly what {@link #dropTo} makes it. */
    private static void verify(String status, int uid, int gid, int[] groups) {
        String ids = uid + "\t" + uid + "\t" + uid + "\t" + uid;
        String gids = gid + "\t" + gid + "\t" + gid + "\t" + gid;
        int[] sorted = groups.clone();
        Arrays.sort(sorted);
        for (String line : status.lines().toList()) {
            String value = line.substring(line.indexOf(':') + 1).strip();
            boolean wrong = switch (line.substring(0, Math.max(0, line.indexOf(':')))) {
                case "Uid" -> !value.equals(ids);
                case "Gid" -> !value.equals(gids);
                case "Groups" -> !Arrays.equals(sorted, value.isEmpty() ? new int[0]
                        : Arrays.stream(value.split("\\s+")).mapToInt(Integer::parseInt).sorted().toArray());
                case "CapInh", "CapPrm", "CapEff", "CapAmb" -> Long.parseUnsignedLong(value, 16) != 0;
                case "CapBnd" -> (Long.parseUnsignedLong(value, 16) & ~SETID_CAPABILITIES) != 0;
                case "NoNewPrivs" -> !value.equals("1");
                default -> false;
            };
            if (wrong) {
                throw new IllegalStateException("the privilege drop did not take: " + line
                        + " (the bounding set and no_new_privs must be set before the process starts)");
            }
        }
    }

    private static void prctl(int option, long value, String what) throws PosixException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.state(arena);
            Libc.check((int) PRCTL.invokeExact(state, option, value, 0L, 0L, 0L), state, what);
        } catch (PosixException e) {
            throw e;
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
    }

    private static int prctlGet(int option) throws PosixException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.state(arena);
            int rc = (int) PRCTL.invokeExact(state, option, 0L, 0L, 0L, 0L);
            Libc.check(rc, state, "prctl");
            return rc;
        } catch (PosixException e) {
            throw e;
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
    }
}
