package dev.llmos.actions.proc;

import java.util.Map;

/** signal names and numbers of linux on x86_64 and aarch64, for reports and for {@code proc.signal}. */
final class Signals {
    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(1, "HUP"), Map.entry(2, "INT"), Map.entry(3, "QUIT"), Map.entry(4, "ILL"),
            Map.entry(5, "TRAP"), Map.entry(6, "ABRT"), Map.entry(7, "BUS"), Map.entry(8, "FPE"),
            Map.entry(9, "KILL"), Map.entry(10, "USR1"), Map.entry(11, "SEGV"), Map.entry(12, "USR2"),
            Map.entry(13, "PIPE"), Map.entry(14, "ALRM"), Map.entry(15, "TERM"), Map.entry(16, "STKFLT"),
            Map.entry(17, "CHLD"), Map.entry(18, "CONT"), Map.entry(19, "STOP"), Map.entry(20, "TSTP"),
            Map.entry(21, "TTIN"), Map.entry(22, "TTOU"), Map.entry(23, "URG"), Map.entry(24, "XCPU"),
            Map.entry(25, "XFSZ"), Map.entry(26, "VTALRM"), Map.entry(27, "PROF"), Map.entry(28, "WINCH"),
            Map.entry(29, "IO"), Map.entry(30, "PWR"), Map.entry(31, "SYS"));

    private Signals() {
    }

    /** the name of signal {@code number} without the {@code SIG} prefix, or {@code SIG<n>} for a real-time one. */
    static String name(int number) {
        String name = NAMES.get(number);
        return name != null ? name : "SIG" + number;
    }

    /**
     * the signal that ended a process, from an exit status as shells report it (128 + the signal),
     * or null when the status is an ordinary exit code.
     */
    static String fromStatus(int status) {
        return status > 128 && status <= 128 + 64 ? name(status - 128) : null;
    }
}
