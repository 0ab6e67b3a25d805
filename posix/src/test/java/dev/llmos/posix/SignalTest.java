package dev.llmos.posix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** signals through kill(2) and pidfds, to real child processes. */
class SignalTest {
    @Test
    void namesAndNumbersAreLinuxs() {
        assertEquals(15, Signal.TERM.number());
        assertEquals(19, Signal.STOP.number());
        assertEquals(Optional.of(Signal.KILL), Signal.of(9));
        assertEquals("SIG34", Signal.name(34));
        assertEquals(Optional.of("KILL"), Signal.fromStatus(137));
        assertEquals(Optional.empty(), Signal.fromStatus(1));
        assertEquals("term", Signal.TERM.wireName());
    }

    @Test
    void killSendsTheSignalToTheProcess() throws Exception {
        Process sleep = new ProcessBuilder("/bin/sleep", "300").start();
        Posix.kill(sleep.pid(), Signal.TERM);
        assertTrue(sleep.waitFor(20, TimeUnit.SECONDS));
        assertEquals(128 + 15, sleep.exitValue());
        PosixException gone = assertThrows(PosixException.class, () -> Posix.kill(sleep.pid(), Signal.TERM));
        assertEquals(PosixException.ESRCH, gone.errno());
        assertThrows(IllegalArgumentException.class, () -> Posix.kill(0, Signal.TERM), "a process group is never meant");
        assertThrows(IllegalArgumentException.class, () -> Posix.kill(-1, Signal.TERM), "every process is never meant");
    }

    @Test
    void aPidfdSignalsTheProcessItWasOpenedFor() throws Exception {
        Process sleep = new ProcessBuilder("/bin/sleep", "300").start();
        try (Fd pidfd = Posix.pidfd(sleep.pid())) {
            Posix.signal(pidfd, Signal.STOP);
            assertState(sleep.pid(), 'T');
            Posix.signal(pidfd, Signal.CONT);
            assertState(sleep.pid(), 'S');
            Posix.signal(pidfd, Signal.KILL);
            assertTrue(sleep.waitFor(20, TimeUnit.SECONDS));
            assertEquals(128 + 9, sleep.exitValue());
            PosixException gone = assertThrows(PosixException.class, () -> Posix.signal(pidfd, Signal.TERM));
            assertEquals(PosixException.ESRCH, gone.errno(), "a reaped process is gone, whoever has its pid now");
        }
    }

    @Test
    void theEffectiveUidIsTheRealOneHere() {
        assertEquals(Posix.getuid(), Posix.geteuid());
    }

    /** polls /proc until the process is in {@code state}. */
    private static void assertState(long pid, char state) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
            char now = stat.charAt(stat.lastIndexOf(')') + 2);
            if (now == state) {
                return;
            }
            assertFalse(System.nanoTime() > deadline, "process " + pid + " is in state " + now + ", not " + state);
            Thread.sleep(5);
        }
    }
}
