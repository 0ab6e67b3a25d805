package dev.llmos.actions.desktop.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmos.action.ActionException;
import dev.llmos.actions.desktop.backend.ToolRunner.Options;
import dev.llmos.actions.desktop.backend.ToolRunner.Result;
import dev.llmos.actions.desktop.backend.ToolRunner.Tool;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** the runner with real programs: environment, timeouts, bounded output, background children. */
class ToolRunnerTest {
    private static final Tool ENV = new Tool("env", "coreutils");
    private static final Tool SLEEP = new Tool("sleep", "coreutils");
    private static final Tool YES = new Tool("yes", "coreutils");
    private static final Tool CAT = new Tool("cat", "coreutils");
    private static final Tool SH = new Tool("sh", "dash");
    private final ToolRunner runner = new ToolRunner(ToolRunner.standardLookup(), Map.of("ONLY", "this"));

    @Test
    void aProgramGetsExactlyTheRunnersEnvironment() throws Exception {
        Result result = runner.run(ENV, List.of(), Options.timeout(Duration.ofSeconds(5)).env(Map.of("EXTRA", "1")));
        assertTrue(result.ok());
        assertEquals(List.of("EXTRA=1", "ONLY=this"), result.out().lines().sorted().toList());
    }

    @Test
    void stdinIsFedAndStdoutKept() throws Exception {
        byte[] bytes = "line one\nzwei ✓\n".repeat(5000).getBytes(StandardCharsets.UTF_8);
        Result result = runner.run(CAT, List.of(), Options.timeout(Duration.ofSeconds(5)).stdin(bytes));
        assertArrayEquals(bytes, result.stdout());
        assertFalse(result.overflow());
    }

    @Test
    void aProgramPastItsTimeoutIsStopped() {
        ActionException e = assertThrows(ActionException.class,
                () -> runner.run(SLEEP, List.of("10"), Options.timeout(Duration.ofMillis(200))));
        assertEquals("sleep did not finish within 200 ms and was stopped", e.getMessage());
    }

    @Test
    void aCancelledRequestStopsTheProgram() {
        java.util.concurrent.atomic.AtomicInteger polls = new java.util.concurrent.atomic.AtomicInteger();
        ActionException e = assertThrows(ActionException.class, () -> runner.run(SLEEP, List.of("10"),
                Options.timeout(Duration.ofSeconds(20)).cancelledBy(() -> polls.incrementAndGet() > 2)));
        assertEquals("sleep was stopped: the request was cancelled", e.getMessage());
    }

    @Test
    void endlessOutputStopsAtTheLimit() throws Exception {
        Result result = runner.run(YES, List.of(), Options.timeout(Duration.ofSeconds(10)).maxStdout(1000));
        assertTrue(result.overflow());
        assertEquals(1000, result.stdout().length);
        assertFalse(result.ok());
    }

    @Test
    void stderrAndExitCodeAreKept() throws Exception {
        Result result = runner.run(SH, List.of("-c", "echo oops >&2; exit 3"), Options.timeout(Duration.ofSeconds(5)));
        assertEquals(3, result.exitCode());
        assertEquals("oops", result.stderr());
    }

    @Test
    void inTheBackgroundOnlyTheParentIsWaitedFor() throws Exception {
        // like xclip -i: the parent exits at once, a child keeps running with the parent's stdout and stderr
        Result result = runner.run(SH, List.of("-c", "echo served >&2; sleep 300 & echo $!"),
                Options.timeout(Duration.ofSeconds(10)).inBackground());
        assertTrue(result.ok());
        assertEquals("served", result.stderr());
        ProcessHandle child = ProcessHandle.of(Long.parseLong(result.out().strip())).orElseThrow();
        assertTrue(child.isAlive(), "the child was neither waited for nor killed");
        child.destroyForcibly();
    }

    @Test
    void aMissingProgramNamesItsPackage() throws Exception {
        Path empty = Files.createTempDirectory("empty-bin");
        try {
            ToolRunner nowhere = new ToolRunner(ToolRunner.searching(List.of(empty)), Map.of());
            assertFalse(nowhere.available(CAT));
            ActionException e = assertThrows(ActionException.class,
                    () -> nowhere.run(CAT, List.of(), Options.timeout(Duration.ofSeconds(1))));
            assertEquals("cat is not installed (apt install coreutils)", e.getMessage());
        } finally {
            Files.delete(empty);
        }
    }
}
