package dev.llmos.actions.system.proc;

import dev.llmos.actions.system.support.ProcFs;
import dev.llmos.actions.system.support.TextFiles;
import java.io.IOException;

/**
 * the fields of {@code /proc/[pid]/stat} that proc.list uses; see proc_pid_stat(5).
 *
 * @param name the command name (comm), at most 15 bytes
 * @param state the one-letter state, e.g. {@code R} or {@code S}
 * @param cpuTicks user plus system time, in clock ticks
 * @param startTicks when the process started, in clock ticks since boot
 */
record ProcStat(long pid, String name, char state, long ppid, long cpuTicks, int threads, long startTicks) {
    /** the unit of the tick fields: {@code USER_HZ}, fixed at 100 for user space on linux. */
    static final int TICKS_PER_SECOND = 100;

    static ProcStat read(long pid) throws IOException {
        return parse(TextFiles.read(ProcFs.file(pid, "stat")));
    }

    /** parses a stat line; the name may hold spaces and parentheses, so it ends at the last {@code )}. */
    static ProcStat parse(String line) {
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')');
        String[] f = line.substring(close + 2).strip().split(" ");
        // f[0] is field 3 (state): field n of proc_pid_stat(5) is f[n - 3]
        return new ProcStat(Long.parseLong(line.substring(0, open).strip()), line.substring(open + 1, close),
                f[0].charAt(0), Long.parseLong(f[1]), Long.parseLong(f[11]) + Long.parseLong(f[12]),
                Integer.parseInt(f[17]), Long.parseLong(f[19]));
    }

    /** the state in words, as ps(1) explains the letters. */
    String stateName() {
        return switch (state) {
            case 'R' -> "running";
            case 'S' -> "sleeping";
            case 'D' -> "disk_sleep";
            case 'Z' -> "zombie";
            case 'T' -> "stopped";
            case 't' -> "tracing_stop";
            case 'X', 'x' -> "dead";
            case 'I' -> "idle";
            case 'P' -> "parked";
            case 'W' -> "waking";
            case 'K' -> "wakekill";
            default -> String.valueOf(state);
        };
    }
}
