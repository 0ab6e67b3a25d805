package dev.llmos.actions.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmos.action.ActionException;
import dev.llmos.action.testkit.TestContext;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** the runner of systemd's tools, on real processes. */
class CommandTest {
    private static final Duration LONG = Duration.ofSeconds(30);

    @Test
    void outputIsBoundedAndStderrKeepsItsTail() throws Exception {
        Command.Result result = Command.run(List.of("/bin/sh", "-c",
                "head -c 100000 /dev/zero | tr '\\0' a; i=0; while [ $i -lt 2000 ]; do echo line$i >&2; i=$((i+1)); done; "
                        + "exit 3"), Command.baseEnvironment(), LONG, 1000, TestContext.readOnly());
        assertEquals(3, result.exit());
        assertFalse(result.ok());
        assertEquals(1000, result.out().length());
        assertTrue(result.truncated());
        assertTrue(result.err().endsWith("line1999\n"), "the tail of stderr is kept");
        assertEquals(dev.llmos.support.process.Output.TAIL, result.err().length());
    }

    @Test
    void theEnvironmentIsFixedAndStdinIsEmpty() throws Exception {
        Command.Result result = Command.run(List.of("/bin/sh", "-c", "env | sort; cat"), Command.baseEnvironment(), LONG,
                1 << 20, TestContext.readOnly());
        assertTrue(result.ok());
        assertTrue(result.out().contains("SYSTEMD_COLORS=0\n"), result.out());
        assertTrue(result.out().contains("PATH=" + dev.llmos.action.Programs.SEARCH_PATH + "\n"), result.out());
        assertFalse(result.out().contains("HOME="), "nothing of this process's environment leaks");
    }

    @Test
    void aSlowProgramIsKilledAtTheTimeLimit() {
        ActionException e = assertThrows(ActionException.class, () -> Command.run(List.of("/bin/sleep", "30"),
                Command.baseEnvironment(), Duration.ofMillis(300), 1000, TestContext.readOnly()));
        assertEquals("sleep did not finish within 0.3 s; systemd may still be working on it", e.getMessage());
    }

    @Test
    void aCancelFromTheClientStopsTheProgram() {
        TestContext context = TestContext.readOnly().cancelAfter(2);
        ActionException e = assertThrows(ActionException.class, () -> Command.run(List.of("/bin/sleep", "30"),
                Command.baseEnvironment(), LONG, 1000, context));
        assertTrue(e.getMessage().startsWith("cancelled: sleep was stopped"), e.getMessage());
    }

    @Test
    void aMissingToolIsNamed() {
        ActionException e = assertThrows(ActionException.class, () -> Command.program("no-such-systemd-tool"));
        assertEquals("no-such-systemd-tool is not installed on this machine (it comes with systemd)", e.getMessage());
    }
}
