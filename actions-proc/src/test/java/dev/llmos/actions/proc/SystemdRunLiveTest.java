package dev.llmos.actions.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.action.ActionException;
import dev.llmos.action.testkit.Harness;
import dev.llmos.action.testkit.TestContext;
import dev.llmos.action.testkit.TestUsers;
import dev.llmos.posix.Posix;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * proc.run through a real transient systemd unit. runs only where systemd is pid 1 and this process
 * is root (a booted nspawn container, the lead's end-to-end machine); skipped elsewhere.
 */
class SystemdRunLiveTest {
    @BeforeAll
    static void needsSystemd() {
        Assumptions.assumeTrue(SystemdRunSandbox.systemdBooted() && Posix.getuid() == 0,
                "needs systemd as pid 1 and root");
    }

    private static JsonNode run(TestContext context, Object... params) throws Exception {
        return Harness.run("proc.run", Harness.params(params), context).output();
    }

    private static JsonNode run(Object... params) throws Exception {
        return run(TestContext.readOnly(), params);
    }

    @Test
    void runsInATransientUnit() throws Exception {
        JsonNode ran = run("argv", List.of("sh", "-c", "echo out; echo err >&2; cat; grep -E '^NoNewPrivs' "
                + "/proc/self/status; cat /proc/self/cgroup; exit 3"), "stdin", "in\n", "cwd", "/");
        assertEquals(ProcRunAction.chooseSandbox().name(), ran.path("sandbox").asText());
        assertEquals(3, ran.path("exit_code").asInt(), ran.toString());
        String out = ran.path("stdout").asText();
        assertTrue(out.startsWith("out\nin\nNoNewPrivs:\t1\n"), out);
        assertTrue(out.contains("llm-osd-run-"), out);
        assertEquals("err\n", ran.path("stderr").asText());
    }

    @Test
    void signalsAndLiteralDollarsAreReported() throws Exception {
        JsonNode ran = run("argv", List.of("sh", "-c", "echo '$HOME' \"$0\"; kill -SEGV $$", "$x"));
        assertEquals("$HOME $x\n", ran.path("stdout").asText(), ran.toString());
        assertEquals("SEGV", ran.path("signal").asText(), ran.toString());
        assertEquals(139, ran.path("exit_code").asInt());
    }

    @Test
    void theSystemIsReadOnlyAndTmpPrivate() throws Exception {
        JsonNode ran = run("argv", List.of("sh", "-c", "touch /etc/llmos-x; echo x > /tmp/llmos-inside && cat "
                + "/tmp/llmos-inside"), "cwd", "/");
        assertEquals("x\n", ran.path("stdout").asText(), ran.toString());
        assertTrue(ran.path("stderr").asText().contains("Read-only file system"), ran.toString());
        assertTrue(!java.nio.file.Files.exists(java.nio.file.Path.of("/tmp/llmos-inside")));
    }

    @Test
    void runsAsTheCaller() throws Exception {
        TestUsers.User user = TestUser.ensure();
        JsonNode ran = run(TestContext.readOnly().as(TestUser.NAME, false), "argv", List.of("sh", "-c",
                "id -u; id -G; echo ok > $HOME/llmos-unit.txt && cat $HOME/llmos-unit.txt; touch /etc/llmos-y"));
        List<String> lines = ran.path("stdout").asText().lines().toList();
        assertEquals(Integer.toString(user.uid()), lines.get(0), ran.toString());
        assertEquals("ok", lines.get(2), ran.toString());
        assertTrue(ran.path("stderr").asText().contains("/etc/llmos-y"), ran.toString());
    }

    /** never run a memory hog or a fork bomb where nothing would stop it (it would load the whole machine). */
    private static void assumeLimits() {
        Sandbox sandbox = ProcRunAction.chooseSandbox();
        Assumptions.assumeTrue(sandbox.enforcesLimits(), "limits are not enforced here: " + sandbox.unenforcedReason());
    }

    @Test
    void theResultSaysWhetherLimitsAreEnforced() throws Exception {
        Sandbox sandbox = ProcRunAction.chooseSandbox();
        JsonNode ran = run("argv", List.of("true"));
        assertEquals(sandbox.name(), ran.path("sandbox").asText());
        assertEquals(sandbox.enforcesLimits(), ran.path("limits").path("enforced").asBoolean(), ran.toString());
        assertEquals(sandbox.enforcesLimits(), ran.path("limits").path("unenforced_reason").isNull(), ran.toString());
    }

    @Test
    void aMemoryHogIsKilledAsMemory() throws Exception {
        assumeLimits();
        JsonNode ran = run("argv", List.of("python3", "-c", "a = []\nwhile True:\n    a.append(bytearray(1 << 20))"),
                "memory_max_mb", 64, "timeout_s", 60);
        assertEquals("memory", ran.path("killed_reason").asText(), ran.toString());
    }

    @Test
    void aForkBombIsStoppedAsTasks() throws Exception {
        assumeLimits();
        String marker = "bomb-" + ProcRunActionTest.unique();
        JsonNode ran = run("argv", List.of("python3", "-c",
                "import os\nwhile True:\n    try:\n        os.fork()\n    except OSError:\n        pass", marker),
                "tasks_max", 20, "timeout_s", 60);
        assertEquals("tasks", ran.path("killed_reason").asText(), ran.toString());
        ProcRunActionTest.awaitNoProcessWithArgument(marker);
    }

    @Test
    void theTimeoutAndCancelKillTheUnit() throws Exception {
        String marker = "60." + ProcRunActionTest.unique();
        JsonNode timedOut = run("argv", List.of("sh", "-c", "sleep " + marker + " & sleep " + marker + "; wait"),
                "timeout_s", 1);
        assertEquals("timeout", timedOut.path("killed_reason").asText(), timedOut.toString());
        assertTrue(timedOut.path("duration_ms").asLong() < 8000, timedOut.toString());
        JsonNode cancelled = run(TestContext.readOnly().cancelAfter(3), "argv", List.of("sleep", marker), "timeout_s", 60);
        assertEquals("cancelled", cancelled.path("killed_reason").asText(), cancelled.toString());
        ProcRunActionTest.awaitNoProcessWithArgument(marker);
    }

    @Test
    void aMissingWorkingDirectoryIsAClearError() {
        ActionException e = assertThrows(ActionException.class, () -> run("argv", List.of("pwd"), "cwd", "/nonexistent"));
        assertTrue(e.getMessage().contains("working directory"), e.getMessage());
    }
}
