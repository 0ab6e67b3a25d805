package dev.llmos.posix;

import dev.llmos.support.WireEnum;
import java.util.Optional;

/** the standard signals of linux, with their numbers (the same on x86_64 and aarch64). */
public enum Signal implements WireEnum {
    HUP(1), INT(2), QUIT(3), ILL(4), TRAP(5), ABRT(6), BUS(7), FPE(8), KILL(9), USR1(10), SEGV(11), USR2(12),
    PIPE(13), ALRM(14), TERM(15), STKFLT(16), CHLD(17), CONT(18), STOP(19), TSTP(20), TTIN(21), TTOU(22),
    URG(23), XCPU(24), XFSZ(25), VTALRM(26), PROF(27), WINCH(28), IO(29), PWR(30), SYS(31);

    private final int number;

    Signal(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }

    /** the standard signal numbered {@code number}, or empty (a real-time signal, or none). */
    public static Optional<Signal> of(int number) {
        return number >= 1 && number <= values().length ? Optional.of(values()[number - 1]) : Optional.empty();
    }

    /** the name of signal {@code number} without the {@code SIG} prefix ({@code TERM}), or {@code SIG<n>} for a real-time one. */
    public static String name(int number) {
        return of(number).map(Signal::name).orElse("SIG" + number);
    }

    /**
     * the name of the signal that ended a process, from an exit status as shells and the jdk report
     * it (128 + the signal), or empty when the status is an ordinary exit code.
     */
    public static Optional<String> fromStatus(int status) {
        return status > 128 && status <= 128 + 64 ? Optional.of(name(status - 128)) : Optional.empty();
    }
}
