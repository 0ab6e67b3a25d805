package dev.llmos.actions.packages;

import dev.llmos.action.ActionException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * whether another apt or dpkg holds the package manager's locks. dpkg and apt take fcntl locks;
 * the kernel lists every held lock, with its owner's pid, in {@code /proc/locks}, so the probe
 * reads that table and takes no lock itself (taking and dropping one could release a lock this
 * process holds on the same file by another descriptor). apt's own "could not get lock" error is
 * the backstop for a lock taken between the probe and the run.
 */
final class Locks {
    private static final Path PROC_LOCKS = Path.of("/proc/locks");

    private Locks() {
    }

    /**
     * a held lock.
     *
     * @param file the lock file
     * @param pid the holder, as this process's pid namespace sees it; 0 or less when unknown
     */
    record Held(Path file, long pid) {
        /** "/var/lib/dpkg/lock-frontend is held by process 123 (apt-get)". */
        String describe() {
            if (pid <= 0) {
                return file + " is held by another process";
            }
            String command;
            try {
                command = " (" + Files.readString(Path.of("/proc", Long.toString(pid), "comm")).strip() + ")";
            } catch (IOException e) {
                command = "";
            }
            return file + " is held by process " + pid + command;
        }
    }

    /** the first of these lock files some process holds, if any. */
    static Optional<Held> held(List<Path> files) {
        List<String> table;
        try {
            table = Files.readAllLines(PROC_LOCKS);
        } catch (IOException e) {
            return Optional.empty();
        }
        for (Path file : files) {
            long inode;
            long device;
            try {
                inode = ((Number) Files.getAttribute(file, "unix:ino")).longValue();
                device = ((Number) Files.getAttribute(file, "unix:dev")).longValue();
            } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
                continue;
            }
            for (String line : table) {
                Optional<Held> held = match(line, file, device, inode);
                if (held.isPresent()) {
                    return held;
                }
            }
        }
        return Optional.empty();
    }

    /**
     * one line of {@code /proc/locks}: {@code 1: POSIX ADVISORY WRITE 1234 fe:00:402117 0 EOF};
     * a process waiting for a lock has {@code ->} after the number and is skipped.
     */
    private static Optional<Held> match(String line, Path file, long device, long inode) {
        String[] fields = line.strip().split("\\s+");
        if (fields.length < 6 || fields[1].equals("->")) {
            return Optional.empty();
        }
        String[] id = fields[5].split(":");
        if (id.length != 3) {
            return Optional.empty();
        }
        try {
            long major = Long.parseLong(id[0], 16);
            long minor = Long.parseLong(id[1], 16);
            long ino = Long.parseLong(id[2]);
            if (ino != inode || major != major(device) || minor != minor(device)) {
                return Optional.empty();
            }
            return Optional.of(new Held(file, Long.parseLong(fields[4])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** glibc's encoding of {@code dev_t}. */
    private static long major(long dev) {
        return ((dev >>> 8) & 0xfff) | ((dev >>> 32) & ~0xfffL);
    }

    private static long minor(long dev) {
        return (dev & 0xff) | ((dev >>> 12) & ~0xffL);
    }

    /** refuses when another process holds one of these locks, naming it. */
    static void requireFree(List<Path> files) throws ActionException {
        Optional<Held> held = held(files);
        if (held.isPresent()) {
            throw locked(held.get().describe());
        }
    }

    /** the error for a held lock; {@code detail} names the file and holder. */
    static ActionException locked(String detail) {
        return new ActionException("the package manager is locked: " + detail
                + "; another apt or dpkg is running, try again when it has finished");
    }

    /**
     * the lock error in apt's own words ("could not get lock ... it is held by process ..."),
     * when its stderr has one.
     */
    static Optional<ActionException> fromApt(Apt.Output output) {
        for (String error : Apt.errors(output.stderr())) {
            if (error.startsWith("Could not get lock")) {
                return Optional.of(new ActionException("the package manager is locked (apt says: " + error
                        + "); another apt or dpkg is running, try again when it has finished",
                        output.exit(), output.stderrTail()));
            }
        }
        return Optional.empty();
    }
}
