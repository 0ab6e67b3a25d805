package dev.llmos.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** user+sys cpu from /proc, in nanoseconds (the kernel counts it in ticks of 10 ms). */
final class ProcCpu {
    private static final long TICK_NANOS = 10_000_000L;

    private ProcCpu() {
    }

    /** the running process {@code pid}: utime and stime, fields 14 and 15 of its stat. */
    static long of(long pid) throws IOException {
        return fields(Long.toString(pid), 11);
    }

    /** the children this jvm has waited for: cutime and cstime, fields 16 and 17 of its own stat. */
    static long children() throws IOException {
        return fields("self", 13);
    }

    /** two cpu fields of `/proc/WHO/stat`, counted from {@code index} after the command name. */
    private static long fields(String who, int index) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + who + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[index]) + Long.parseLong(fields[index + 1])) * TICK_NANOS;
    }
}
