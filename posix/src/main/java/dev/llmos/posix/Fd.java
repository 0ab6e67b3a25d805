package dev.llmos.posix;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * an open file descriptor this process owns, and the operations that act through it rather than
 * through a name: every name given to a method is one path component (no slash, not {@code .} or
 * {@code ..}) looked up in this directory without following a symlink there, so no component can
 * be swapped between a decision and the act. most descriptors here are {@code O_PATH}: they name
 * an object without opening it for reading or writing.
 *
 * <p>{@link #proc()} is a path that reaches exactly this object (the kernel follows
 * {@code /proc/self/fd/N} to the open file, whatever its names are now); it is how jdk file apis
 * act on the object, and means nothing to another process.
 */
public final class Fd implements AutoCloseable {
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG;
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT;
    private static final ValueLayout ADDRESS = ValueLayout.ADDRESS;

    private static final MethodHandle SYSCALL_OPENAT2 = Libc.withErrno("syscall",
            FunctionDescriptor.of(LONG, LONG, LONG, ADDRESS, ADDRESS, LONG), Linker.Option.firstVariadicArg(1));
    private static final MethodHandle OPENAT = Libc.withErrno("openat",
            FunctionDescriptor.of(INT, INT, ADDRESS, INT, INT), Linker.Option.firstVariadicArg(3));
    private static final MethodHandle STATX = Libc.withErrno("statx",
            FunctionDescriptor.of(INT, INT, ADDRESS, INT, INT, ADDRESS));
    private static final MethodHandle READLINKAT = Libc.withErrno("readlinkat",
            FunctionDescriptor.of(LONG, INT, ADDRESS, ADDRESS, LONG));
    private static final MethodHandle MKDIRAT = Libc.withErrno("mkdirat",
            FunctionDescriptor.of(INT, INT, ADDRESS, INT));
    private static final MethodHandle UNLINKAT = Libc.withErrno("unlinkat",
            FunctionDescriptor.of(INT, INT, ADDRESS, INT));
    private static final MethodHandle RENAMEAT2 = Libc.withErrno("renameat2",
            FunctionDescriptor.of(INT, INT, ADDRESS, INT, ADDRESS, INT));
    private static final MethodHandle LINKAT = Libc.withErrno("linkat",
            FunctionDescriptor.of(INT, INT, ADDRESS, INT, ADDRESS, INT));
    private static final MethodHandle FCHMODAT = Libc.withErrno("fchmodat",
            FunctionDescriptor.of(INT, INT, ADDRESS, INT, INT));
    private static final MethodHandle FCHOWNAT = Libc.withErrno("fchownat",
            FunctionDescriptor.of(INT, INT, ADDRESS, INT, INT, INT));
    private static final MethodHandle UTIMENSAT = Libc.withErrno("utimensat",
            FunctionDescriptor.of(INT, INT, ADDRESS, ADDRESS, INT));
    private static final MethodHandle SYMLINKAT = Libc.withErrno("symlinkat",
            FunctionDescriptor.of(INT, ADDRESS, INT, ADDRESS));
    private static final MethodHandle FSTATFS = Libc.withErrno("fstatfs",
            FunctionDescriptor.of(INT, INT, ADDRESS));
    private static final MethodHandle FSYNC = Libc.withErrno("fsync", FunctionDescriptor.of(INT, INT));
    private static final MethodHandle CLOSE = Libc.withErrno("close", FunctionDescriptor.of(INT, INT));

    /** rename flags of renameat2(2). */
    public static final int RENAME_NOREPLACE = 1;
    public static final int RENAME_EXCHANGE = 2;

    private static final int STATX_BASIC_STATS = 0x7ff;
    private static final int STATX_MNT_ID = 0x1000;
    private static final long STATX_SIZE = 256;
    private static final long PROC_SUPER_MAGIC = 0x9fa0;
    /** {@code sizeof(struct statfs)} on lp64 linux (120), rounded up. */
    private static final long STATFS_SIZE = 128;
    private static final long UTIME_OMIT = (1L << 30) - 2;
    /** a time for {@link #setTimes} that leaves that time as it is. */
    public static final long KEEP_TIME = UTIME_OMIT;

    /**
     * false once openat2 answered {@code ENOSYS}: an old kernel, or a seccomp filter that hides it (systemd's
     * {@code RestrictSUIDSGID=} does, since it cannot inspect openat2's mode).
     */
    private static volatile boolean openat2Works = true;

    private final int fd;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Fd(int fd) {
        this.fd = fd;
    }

    /** takes ownership of a descriptor a system call just returned. */
    static Fd adopt(int fd) {
        return new Fd(fd);
    }

    /** whether to try openat2 (false pretends it is missing, as under a seccomp filter); for tests of the fallback. */
    static void useOpenat2(boolean use) {
        openat2Works = use;
    }

    /** the file system's root directory, as an {@code O_PATH} descriptor. */
    public static Fd root() throws PosixException {
        return openat2(Libc.AT_FDCWD, "/", Libc.O_PATH | Libc.O_DIRECTORY, 0, 0);
    }

    /**
     * opens an absolute path only when no component of it is a symlink ({@code RESOLVE_NO_SYMLINKS},
     * a final symlink included unless {@code final} is opened {@code O_PATH | O_NOFOLLOW}); {@code ELOOP}
     * otherwise. the fast way to reach a path that has no symlinks.
     */
    public static Fd openNoSymlinks(String absolute, int flags) throws PosixException {
        if (!absolute.startsWith("/") || absolute.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("not an absolute path: " + absolute);
        }
        return openat2(Libc.AT_FDCWD, absolute, flags, 0, Libc.RESOLVE_NO_SYMLINKS | Libc.RESOLVE_NO_MAGICLINKS);
    }

    /** the number, for diagnostics and for handing the object to a child through {@code /proc/PID/fd/N}. */
    public int number() {
        return fd;
    }

    /** a path that reaches exactly this object from this process. */
    public Path proc() {
        return Path.of("/proc/self/fd/" + fd);
    }

    /** statx of this object itself (a symlink when the descriptor names one). */
    public FileStat stat() throws PosixException {
        return statx(fd, "", Libc.AT_EMPTY_PATH | Libc.AT_SYMLINK_NOFOLLOW, "statx");
    }

    /** statx of the entry {@code name} in this directory, never following it; empty when there is none. */
    public Optional<FileStat> statAt(String name) throws PosixException {
        checkName(name);
        try {
            return Optional.of(statx(fd, name, Libc.AT_SYMLINK_NOFOLLOW, "statx " + name));
        } catch (PosixException e) {
            if (e.errno() == PosixException.ENOENT) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** opens {@code name} in this directory with {@code flags} (never following a symlink there) and {@code mode} for a new file. */
    public Fd openAt(String name, int flags, int mode) throws PosixException {
        checkName(name);
        return openat2(fd, name, flags | Libc.O_NOFOLLOW, mode,
                Libc.RESOLVE_NO_SYMLINKS | Libc.RESOLVE_NO_MAGICLINKS | Libc.RESOLVE_BENEATH);
    }

    /** an {@code O_PATH} descriptor of the entry {@code name} (a symlink itself when it is one). */
    public Fd pathAt(String name) throws PosixException {
        return openAt(name, Libc.O_PATH, 0);
    }

    /** an {@code O_PATH} descriptor of the directory {@code name}; {@code ENOTDIR} when it is anything else. */
    public Fd directoryAt(String name) throws PosixException {
        return openAt(name, Libc.O_PATH | Libc.O_DIRECTORY, 0);
    }

    /** this directory's parent ({@code ..}; the root is its own parent). */
    public Fd parent() throws PosixException {
        return openat2(fd, "..", Libc.O_PATH | Libc.O_DIRECTORY, 0, Libc.RESOLVE_NO_SYMLINKS | Libc.RESOLVE_NO_MAGICLINKS);
    }

    /** a new regular file {@code name} in this directory, which must not exist, opened for writing. */
    public Fd createAt(String name, int mode) throws PosixException {
        return openAt(name, Libc.O_WRONLY | Libc.O_CREAT | Libc.O_EXCL, mode);
    }

    /**
     * an unnamed regular file in this directory's file system ({@code O_TMPFILE}), opened for writing; give
     * it a name with {@link #linkInto}. empty where the file system cannot make one.
     */
    public Optional<Fd> createUnnamed(int mode) throws PosixException {
        try {
            return Optional.of(openat2(fd, ".", Libc.O_TMPFILE | Libc.O_WRONLY, mode, Libc.RESOLVE_NO_SYMLINKS));
        } catch (PosixException e) {
            if (e.errno() == PosixException.EOPNOTSUPP || e.errno() == PosixException.EISDIR
                    || e.errno() == PosixException.EINVAL) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** the object opened again with {@code flags} (read or write access an {@code O_PATH} descriptor lacks). */
    public Fd reopen(int flags) throws PosixException {
        return openat2(Libc.AT_FDCWD, proc().toString(), flags | Libc.O_NOCTTY, 0, 0);
    }

    /** a jdk channel on exactly this object, opened with {@code options} (which must not create anything). */
    public FileChannel channel(Set<? extends OpenOption> options) throws IOException {
        return FileChannel.open(proc(), options);
    }

    public void mkdirAt(String name, int mode) throws PosixException {
        checkName(name);
        call("mkdirat " + name, (a, s) -> (int) MKDIRAT.invokeExact(s, fd, a.allocateFrom(name), mode));
    }

    /** removes the entry {@code name} (a non-directory; a symlink itself, never its target). */
    public void unlinkAt(String name) throws PosixException {
        checkName(name);
        call("unlinkat " + name, (a, s) -> (int) UNLINKAT.invokeExact(s, fd, a.allocateFrom(name), 0));
    }

    /** removes the empty directory {@code name}. */
    public void rmdirAt(String name) throws PosixException {
        checkName(name);
        call("rmdir " + name,
                (a, s) -> (int) UNLINKAT.invokeExact(s, fd, a.allocateFrom(name), Libc.AT_REMOVEDIR));
    }

    /** renames {@code from} in this directory to {@code to} in {@code target}, with renameat2's {@code flags}. */
    public void renameAt(String from, Fd target, String to, int flags) throws PosixException {
        checkName(from);
        checkName(to);
        call("rename " + from + " to " + to,
                (a, s) -> (int) RENAMEAT2.invokeExact(s, fd, a.allocateFrom(from), target.fd, a.allocateFrom(to), flags));
    }

    /** gives this object (a file, possibly unnamed) the name {@code name} in {@code directory}; {@code EEXIST} when taken. */
    public void linkInto(Fd directory, String name) throws PosixException {
        checkName(name);
        String self = proc().toString();
        call("link " + name, (a, s) -> (int) LINKAT.invokeExact(s, Libc.AT_FDCWD,
                a.allocateFrom(self), directory.fd, a.allocateFrom(name),
                Libc.AT_SYMLINK_FOLLOW));
    }

    /** sets the permission bits ({@code 07777}) of this object, which must not be a symlink. */
    public void chmod(int mode) throws PosixException {
        String self = proc().toString();
        call("chmod", (a, s) -> (int) FCHMODAT.invokeExact(s, Libc.AT_FDCWD, a.allocateFrom(self), mode & 07777, 0));
    }

    /** sets owner and group of this object itself; -1 leaves one as it is. */
    public void chown(int uid, int gid) throws PosixException {
        call("chown", (a, s) -> (int) FCHOWNAT.invokeExact(s, fd, a.allocateFrom(""), uid, gid, Libc.AT_EMPTY_PATH));
    }

    /** sets the modification time (and leaves the access time) of this object, which must not be a symlink. */
    public void setModified(long epochNanos) throws PosixException {
        setTimes(UTIME_OMIT, epochNanos);
    }

    /**
     * sets the access and modification times of this object, which must not be a symlink; a time of
     * {@link #KEEP_TIME} leaves that one as it is.
     */
    public void setTimes(long atimeNanos, long mtimeNanos) throws PosixException {
        utimensat(Libc.AT_FDCWD, proc().toString(), atimeNanos, mtimeNanos, 0);
    }

    /** sets the access and modification times of the entry {@code name} itself, a symlink included (never its target). */
    public void setTimesAt(String name, long atimeNanos, long mtimeNanos) throws PosixException {
        checkName(name);
        utimensat(fd, name, atimeNanos, mtimeNanos, Libc.AT_SYMLINK_NOFOLLOW);
    }

    /** creates the symlink {@code name} in this directory with the target text {@code target}; {@code EEXIST} when taken. */
    public void symlinkAt(String target, String name) throws PosixException {
        checkName(name);
        if (target.isEmpty() || target.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("not a symlink target: '" + target + "'");
        }
        call("symlinkat " + name,
                (a, s) -> (int) SYMLINKAT.invokeExact(s, a.allocateFrom(target), fd, a.allocateFrom(name)));
    }

    private static void utimensat(int dirfd, String path, long atimeNanos, long mtimeNanos, int flags)
            throws PosixException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment times = arena.allocate(32, 8);
            setTimespec(times, 0, atimeNanos);
            setTimespec(times, 16, mtimeNanos);
            MemorySegment state = Libc.state(arena);
            int rc = (int) UTIMENSAT.invokeExact(state, dirfd, arena.allocateFrom(path), times, flags);
            Libc.check(rc, state, "utimensat");
        } catch (PosixException e) {
            throw e;
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
    }

    private static void setTimespec(MemorySegment times, long offset, long nanos) {
        if (nanos == UTIME_OMIT) {
            times.set(LONG, offset, 0);
            times.set(LONG, offset + 8, UTIME_OMIT);
        } else {
            times.set(LONG, offset, Math.floorDiv(nanos, 1_000_000_000L));
            times.set(LONG, offset + 8, Math.floorMod(nanos, 1_000_000_000L));
        }
    }

    /** the target text of the symlink {@code name} in this directory, or of this descriptor's symlink when {@code name} is empty. */
    public String readlinkAt(String name) throws PosixException {
        if (!name.isEmpty()) {
            checkName(name);
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(4097);
            MemorySegment state = Libc.state(arena);
            long n = (long) READLINKAT.invokeExact(state, fd, arena.allocateFrom(name), buffer, 4097L);
            Libc.check(n, state, "readlink " + name);
            if (n > 4096) {
                throw new PosixException("readlink " + name, PosixException.ENAMETOOLONG);
            }
            return new String(buffer.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE), java.nio.charset.StandardCharsets.UTF_8);
        } catch (PosixException e) {
            throw e;
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
    }

    /** the names in this directory, without {@code .} and {@code ..}, in the order the file system gives them. */
    public List<String> list() throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(proc())) {
            for (Path entry : entries) {
                names.add(entry.getFileName().toString());
            }
        }
        return names;
    }

    /**
     * true when the symlink {@code name} in this directory is one of the kernel's magic links (such
     * as {@code /proc/PID/root} or {@code /proc/PID/fd/N}, which jump to an object rather than to a
     * path, possibly into another mount namespace); false for a plain symlink such as
     * {@code /proc/self}.
     */
    public boolean isMagicLinkAt(String name) throws PosixException {
        checkName(name);
        if (!openat2Works) {
            // without openat2: the plain ones (self, thread-self, mounts...) are all in procfs's root
            // directory (inode 1); every symlink below a process's directory is magic
            return stat().id().ino() != 1;
        }
        try (Fd ignored = openat2(fd, name, Libc.O_PATH, 0, Libc.RESOLVE_NO_MAGICLINKS)) {
            return false;
        } catch (PosixException e) {
            if (e.errno() == PosixException.ELOOP) {
                return true;
            }
            if (e.errno() == PosixException.ENOENT) {
                return false;
            }
            if (e.errno() == PosixException.ENOSYS) {
                return isMagicLinkAt(name);
            }
            throw e;
        }
    }

    /** true when this object lives on procfs, where symlinks are the kernel's magic links. */
    public boolean onProcfs() throws PosixException {
        return statfs().type() == PROC_SUPER_MAGIC;
    }

    /**
     * statfs(2) of the file system holding this object (an {@code O_PATH} descriptor will do). the
     * {@code struct statfs} of x86_64 and aarch64 alike (lp64): 8-byte words {@code f_type},
     * {@code f_bsize}, {@code f_blocks}, {@code f_bfree}, {@code f_bavail}, {@code f_files},
     * {@code f_ffree}, {@code f_fsid}, {@code f_namelen}, {@code f_frsize}, {@code f_flags}, four spare.
     */
    public FileSystemStat statfs() throws PosixException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(STATFS_SIZE, 8);
            MemorySegment state = Libc.state(arena);
            int rc = (int) FSTATFS.invokeExact(state, fd, buffer);
            Libc.check(rc, state, "fstatfs");
            long frsize = buffer.get(LONG, 72);
            return new FileSystemStat(buffer.get(LONG, 0), frsize != 0 ? frsize : buffer.get(LONG, 8),
                    buffer.get(LONG, 16), buffer.get(LONG, 24), buffer.get(LONG, 32), buffer.get(LONG, 40),
                    buffer.get(LONG, 48));
        } catch (PosixException e) {
            throw e;
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
    }

    /** flushes this object (a file's data, a directory's entries) to stable storage. */
    public void sync() throws PosixException {
        try (Fd open = reopen(Libc.O_RDONLY | Libc.O_NONBLOCK)) {
            call("fsync", (a, s) -> (int) FSYNC.invokeExact(s, open.fd));
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try (Arena arena = Arena.ofConfined()) {
                int ignored = (int) CLOSE.invokeExact(Libc.state(arena), fd);
            } catch (Throwable t) {
                throw Libc.unexpected(t);
            }
        }
    }

    @Override
    public String toString() {
        return "fd " + fd;
    }

    /** true when {@code name} is one path component a directory can hold. */
    public static boolean isName(String name) {
        return name != null && !name.isEmpty() && !name.equals(".") && !name.equals("..") && name.indexOf('/') < 0
                && name.indexOf('\0') < 0;
    }

    private static void checkName(String name) {
        if (!isName(name)) {
            throw new IllegalArgumentException("not a single file name: '" + name + "'");
        }
    }

    /**
     * openat2(2); where it is unavailable, openat(2) for what openat can do the same: one component
     * opened {@code O_NOFOLLOW} (magic links in it are then never followed), {@code ..}, or a path
     * with no restriction. a whole path that must have no symlinks is then refused with
     * {@code ELOOP}, and the caller walks it component by component instead.
     */
    private static Fd openat2(int dirfd, String path, int flags, int mode, long resolve) throws PosixException {
        if (openat2Works) {
            try {
                return openat2Call(dirfd, path, flags, mode, resolve);
            } catch (PosixException e) {
                if (e.errno() != PosixException.ENOSYS) {
                    throw e;
                }
                openat2Works = false;
            }
        }
        boolean single = path.indexOf('/') < 0;
        if (resolve != 0 && !single && (resolve & Libc.RESOLVE_NO_SYMLINKS) != 0) {
            throw new PosixException("open " + path, PosixException.ELOOP);
        }
        if (single && !path.equals("..") && !path.equals(".") && (resolve & Libc.RESOLVE_NO_MAGICLINKS) != 0) {
            flags |= Libc.O_NOFOLLOW;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.state(arena);
            int rc = (int) OPENAT.invokeExact(state, dirfd, arena.allocateFrom(path), flags | Libc.O_CLOEXEC, mode);
            Libc.check(rc, state, "open " + path);
            return new Fd(rc);
        } catch (PosixException e) {
            throw e;
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
    }

    private static Fd openat2Call(int dirfd, String path, int flags, int mode, long resolve) throws PosixException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment how = arena.allocate(24, 8);
            how.set(LONG, 0, Integer.toUnsignedLong(flags | Libc.O_CLOEXEC));
            how.set(LONG, 8, mode);
            how.set(LONG, 16, resolve);
            MemorySegment state = Libc.state(arena);
            long rc = (long) SYSCALL_OPENAT2.invokeExact(state, Libc.SYS_OPENAT2, (long) dirfd,
                    arena.allocateFrom(path), how, 24L);
            Libc.check(rc, state, "open " + path);
            return new Fd((int) rc);
        } catch (PosixException e) {
            throw e;
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
    }

    private static FileStat statx(int dirfd, String path, int flags, String call) throws PosixException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(STATX_SIZE, 8);
            MemorySegment state = Libc.state(arena);
            int rc = (int) STATX.invokeExact(state, dirfd, arena.allocateFrom(path), flags,
                    STATX_BASIC_STATS | STATX_MNT_ID, buffer);
            Libc.check(rc, state, call);
            long dev = FileId.makedev(Integer.toUnsignedLong(buffer.get(INT, 136)),
                    Integer.toUnsignedLong(buffer.get(INT, 140)));
            return new FileStat(new FileId(dev, buffer.get(LONG, 32)),
                    Short.toUnsignedInt(buffer.get(ValueLayout.JAVA_SHORT, 28)),
                    buffer.get(INT, 20), buffer.get(INT, 24), Integer.toUnsignedLong(buffer.get(INT, 16)),
                    buffer.get(LONG, 40), nanos(buffer, 64), nanos(buffer, 112), nanos(buffer, 96),
                    buffer.get(LONG, 144));
        } catch (PosixException e) {
            throw e;
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
    }

    private static long nanos(MemorySegment statx, long offset) {
        return statx.get(LONG, offset) * 1_000_000_000L + Integer.toUnsignedLong(statx.get(INT, offset + 8));
    }

    /** one libc call that returns a negative number and sets errno (captured in {@code state}) on failure. */
    @FunctionalInterface
    private interface Call {
        int invoke(Arena arena, MemorySegment state) throws Throwable;
    }

    private static void call(String what, Call call) throws PosixException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.state(arena);
            Libc.check(call.invoke(arena, state), state, what);
        } catch (PosixException e) {
            throw e;
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
    }
}
