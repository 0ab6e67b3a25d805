package dev.llmos.actions.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.action.ActionException;
import dev.llmos.action.testkit.Harness;
import dev.llmos.action.testkit.TestContext;
import dev.llmos.posix.Posix;
import dev.llmos.protocol.RpcException;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * proc.run through the real sandbox of this machine (bubblewrap and cgroups, as pid 1 is not
 * systemd here), as the test's own user (root on the build machines).
 */
class ProcRunActionTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void needsTheSandbox() {
        Assumptions.assumeTrue(Tools.present("bwrap"), "needs bubblewrap");
        Assumptions.assumeFalse(SystemdRunSandbox.systemdBooted(), "this class tests the bubblewrap path");
    }

    private static JsonNode run(Object... params) throws Exception {
        return run(TestContext.readOnly(), params);
    }

    private static JsonNode run(TestContext context, Object... params) throws Exception {
        return Harness.run("proc.run", Harness.params(params), context).output();
    }

    @Test
    void runsTheProgramAndReturnsItsOutput() throws Exception {
        JsonNode ran = run("argv", List.of("echo", "hello", "world"));
        assertEquals("hello world\n", ran.path("stdout").asText());
        assertEquals("", ran.path("stderr").asText());
        assertEquals(0, ran.path("exit_code").asInt());
        assertTrue(ran.path("signal").isNull());
        assertTrue(ran.path("killed_reason").isNull());
        assertEquals("/usr/bin/echo", ran.path("program").asText());
        boolean enforced = Cgroups.discover().usable();
        assertEquals(enforced ? "bwrap+cgroup" : "bwrap", ran.path("sandbox").asText());
        assertEquals(enforced, ran.path("limits").path("enforced").asBoolean());
        assertEquals(512, ran.path("limits").path("memory_max_mb").asInt());
        assertEquals(30, ran.path("limits").path("timeout_s").asInt());
        assertTrue(ran.path("duration_ms").asLong() >= 0);
    }

    @Test
    void reportsTheExitCodeAndStderr() throws Exception {
        JsonNode ran = run("argv", List.of("sh", "-c", "echo oops >&2; exit 3"));
        assertEquals(3, ran.path("exit_code").asInt());
        assertEquals("oops\n", ran.path("stderr").asText());
        assertTrue(ran.path("signal").isNull());
    }

    @Test
    void aSignalThatEndsTheProgramIsNamed() throws Exception {
        JsonNode ran = run("argv", List.of("sh", "-c", "kill -SEGV $$"));
        assertEquals(128 + 11, ran.path("exit_code").asInt());
        assertEquals("SEGV", ran.path("signal").asText());
        assertTrue(ran.path("killed_reason").isNull());
    }

    @Test
    void feedsStdin() throws Exception {
        JsonNode ran = run("argv", List.of("cat"), "stdin", "line one\nline two ✓\n");
        assertEquals("line one\nline two ✓\n", ran.path("stdout").asText());
        String big = "x".repeat(ProcRunAction.MAX_STDIN);
        JsonNode counted = run("argv", List.of("wc", "-c"), "stdin", big);
        assertEquals(Integer.toString(ProcRunAction.MAX_STDIN), counted.path("stdout").asText().strip());
        JsonNode none = run("argv", List.of("cat"));
        assertEquals("", none.path("stdout").asText());
    }

    @Test
    void cutsEachStreamAtTheLimitWithAMarker() throws Exception {
        JsonNode ran = run("argv", List.of("python3", "-c",
                "import sys; sys.stdout.write('a' * 100000); sys.stderr.write('é' * 1000)"),
                "max_output_bytes", 1001);
        assertEquals("a".repeat(1001) + "…[truncated 98999 bytes]", ran.path("stdout").asText());
        assertEquals(100000, ran.path("stdout_bytes").asLong());
        // 'é' is two bytes: the cut falls back to a character boundary and counts the half character as dropped
        assertEquals("é".repeat(500) + "…[truncated 1000 bytes]", ran.path("stderr").asText());
        assertEquals(2000, ran.path("stderr_bytes").asLong());
        JsonNode exact = run("argv", List.of("printf", "12345"), "max_output_bytes", 5);
        assertEquals("12345", exact.path("stdout").asText());
    }

    @Test
    void theEnvironmentIsCleanPlusTheAllowedVariables() throws Exception {
        JsonNode ran = run("argv", List.of("env"), "env", Map.of("TZ", "UTC", "LC_ALL", "C.UTF-8", "TERM", "dumb"));
        List<String> names = ran.path("stdout").asText().lines().map(line -> line.substring(0, line.indexOf('=')))
                .sorted().toList();
        assertEquals(List.of("HOME", "LANG", "LC_ALL", "LOGNAME", "PATH", "PWD", "TERM", "TZ", "USER"), names);
        assertTrue(ran.path("stdout").asText().contains("PATH=" + dev.llmos.action.Programs.SEARCH_PATH + "\n"));
        JsonNode date = run("argv", List.of("date", "+%Z"), "env", Map.of("TZ", "UTC"));
        assertEquals("UTC\n", date.path("stdout").asText());
    }

    @Test
    void variablesOutsideTheAllowlistAreRefusedBeforeAnythingRuns() {
        for (Map<String, Object> env : List.<Map<String, Object>>of(Map.of("LD_PRELOAD", "/tmp/evil.so"),
                Map.of("PATH", "/tmp"), Map.of("EDITOR", "rm"), Map.of("PYTHONPATH", "/tmp"), Map.of("LANG", "../x"),
                Map.of("LANG", 5), Map.of("COLUMNS", "80; rm"))) {
            RpcException e = assertThrows(RpcException.class,
                    () -> Harness.bind("proc.run", Harness.params("argv", List.of("true"), "env", env)), env.toString());
            assertEquals(-32602, e.error().code(), env.toString());
            String name = env.keySet().iterator().next();
            assertTrue(e.getMessage().contains(name), e.getMessage());
        }
        RpcException preload = assertThrows(RpcException.class, () -> Harness.bind("proc.run",
                Harness.params("argv", List.of("true"), "env", Map.of("LD_PRELOAD", "/x"))));
        assertTrue(preload.getMessage().contains("'LD_PRELOAD' may not be set"), preload.getMessage());
    }

    @Test
    void runsInTheWorkingDirectoryWhichUnderTmpIsReadOnly() throws Exception {
        Files.writeString(dir.resolve("seen.txt"), "here");
        JsonNode ran = run("argv", List.of("sh", "-c", "pwd; cat seen.txt; echo; touch new.txt"), "cwd", dir.toString());
        assertEquals(dir + "\nhere\n", ran.path("stdout").asText());
        assertTrue(ran.path("stderr").asText().contains("Read-only file system"), ran.toString());
        assertFalse(Files.exists(dir.resolve("new.txt")));
        ActionException missing = assertThrows(ActionException.class,
                () -> run("argv", List.of("pwd"), "cwd", dir.resolve("absent").toString()));
        assertEquals("no such file or directory: " + dir.resolve("absent"), missing.getMessage());
        assertThrows(RpcException.class, () -> run("argv", List.of("pwd"), "cwd", "relative/dir"));
        assertThrows(RpcException.class, () -> run("argv", List.of("pwd"), "cwd", "/tmp/../etc"));
    }

    @Test
    void listingTmpItselfShowsTheRealTmpReadOnly() throws Exception {
        Path marker = Files.createTempFile(Path.of("/tmp"), "llmos-proc-listed", ".txt");
        try {
            JsonNode ran = run("argv", List.of("sh", "-c", "ls -a; touch /tmp/llmos-proc-new"), "cwd", "/tmp");
            assertTrue(ran.path("stdout").asText().contains(marker.getFileName().toString()), ran.toString());
            assertTrue(ran.path("stderr").asText().contains("Read-only file system"), ran.toString());
            assertFalse(Files.exists(Path.of("/tmp/llmos-proc-new")));
        } finally {
            Files.delete(marker);
        }
    }

    @Test
    void theSystemIsReadOnlyAndTmpIsPrivate() throws Exception {
        Path marker = Files.createTempFile(Path.of("/tmp"), "llmos-proc-visible", ".txt");
        try {
            JsonNode ran = run("argv", List.of("sh", "-c",
                    "touch /etc/llmos-proc-test; touch /usr/llmos-proc-test; ls -A /tmp; echo private > /tmp/inside; "
                            + "cat /tmp/inside; echo pid $$"), "cwd", "/");
            String out = ran.path("stdout").asText();
            assertFalse(out.contains(marker.getFileName().toString()), out);
            assertTrue(out.contains("private\n"), out);
            // the program's own pid namespace: bubblewrap's init is 1, the program 2
            assertTrue(out.endsWith("pid 2\n"), out);
            assertEquals(2, ran.path("stderr").asText().lines().filter(l -> l.contains("Read-only file system")).count(),
                    ran.toString());
            assertFalse(Files.exists(Path.of("/etc/llmos-proc-test")));
            assertFalse(Files.exists(Path.of("/tmp/inside")));
        } finally {
            Files.delete(marker);
        }
    }

    @Test
    void aProgramThatDoesNotResolveIsAClearError() {
        ActionException missing = assertThrows(ActionException.class,
                () -> run("argv", List.of("no-such-program-llmos")));
        assertTrue(missing.getMessage().contains("no executable file 'no-such-program-llmos'"), missing.getMessage());
        ActionException relative = assertThrows(ActionException.class, () -> run("argv", List.of("./ls")));
        assertTrue(relative.getMessage().contains("absolute path"), relative.getMessage());
        assertThrows(RpcException.class, () -> run("argv", List.of()));
        assertThrows(RpcException.class, () -> run("argv", List.of("")));
        assertThrows(RpcException.class, () -> run("argv", List.of("echo", "a\u0000b")));
    }

    @Test
    void theTimeoutKillsTheWholeTree() throws Exception {
        String marker = "60." + unique();
        long before = System.nanoTime();
        JsonNode ran = run("argv", List.of("sh", "-c", "sleep " + marker + " & sleep " + marker + "; wait"),
                "timeout_s", 1);
        long tookMs = (System.nanoTime() - before) / 1_000_000;
        assertEquals("timeout", ran.path("killed_reason").asText(), ran.toString());
        assertEquals("KILL", ran.path("signal").asText());
        assertEquals(137, ran.path("exit_code").asInt());
        assertTrue(ran.path("duration_ms").asLong() >= 1000 && tookMs < 5000, ran.toString());
        assertEquals(0, processesWithArgument(marker), "a sleeper survived the timeout");
    }

    @Test
    void backgroundChildrenDieWithTheProgram() throws Exception {
        String marker = "70." + unique();
        JsonNode ran = run("argv", List.of("sh", "-c", "sleep " + marker + " & echo started"), "timeout_s", 30);
        assertEquals("started\n", ran.path("stdout").asText());
        assertTrue(ran.path("duration_ms").asLong() < 5000, ran.toString());
        assertEquals(0, processesWithArgument(marker), "a background child outlived the run");
    }

    @Test
    void aMemoryHogIsKilledAtTheLimitAndReportedAsMemory() throws Exception {
        assumeLimits();
        JsonNode ran = run("argv", List.of("python3", "-c",
                "a = []\nwhile True:\n    a.append(bytearray(1 << 20))"), "memory_max_mb", 64, "timeout_s", 60);
        assertEquals("memory", ran.path("killed_reason").asText(), ran.toString());
        assertEquals(64, ran.path("limits").path("memory_max_mb").asInt());
        assertTrue(ran.path("duration_ms").asLong() < 30_000, ran.toString());
        assertEquals(0, ran.path("exit_code").asInt() == 0 ? 1 : 0, "a killed hog cannot exit 0: " + ran);
    }

    @Test
    void aForkBombStopsAtTheTasksLimitAndTheTestJvmIsUnaffected() throws Exception {
        assumeLimits();
        String marker = "bomb-" + unique();
        int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
        JsonNode ran = run("argv", List.of("python3", "-c",
                "import os\nwhile True:\n    try:\n        os.fork()\n    except OSError:\n        pass", marker),
                "tasks_max", 20, "timeout_s", 60);
        assertEquals("tasks", ran.path("killed_reason").asText(), ran.toString());
        assertEquals(20, ran.path("limits").path("tasks_max").asInt());
        assertTrue(ran.path("duration_ms").asLong() < 10_000, ran.toString());
        assertEquals(0, processesWithArgument(marker), "part of the fork bomb survived");
        // the jvm that ran it: no children left behind, about as many threads, and it can still fork
        assertEquals(0, ProcessHandle.current().descendants().count());
        int threadsAfter = ManagementFactory.getThreadMXBean().getThreadCount();
        assertTrue(threadsAfter <= threadsBefore + 4, threadsBefore + " threads before, " + threadsAfter + " after");
        Process check = new ProcessBuilder("/bin/true").start();
        assertEquals(0, check.waitFor());
    }

    @Test
    void theCpuQuotaHoldsTheTreeToItsShare() throws Exception {
        assumeLimits();
        ProcRunAction action = new ProcRunAction(new Limits(512, 20, 256));
        var params = (ProcRunAction.Params) Harness.bind("proc.run", Harness.params("argv", List.of("python3", "-c",
                "import os, time\nend = time.time() + 1.5\nwhile time.time() < end: pass\n"
                        + "t = os.times()\nprint(t.user + t.system)"))).value();
        ProcRunAction.Ran ran = (ProcRunAction.Ran) TestContext.readOnly().execute(action, params);
        double cpu = Double.parseDouble(ran.stdout().strip());
        // 20% of one cpu over 1.5 s is 0.3 s; unconfined it would be about 1.5 s
        assertTrue(cpu < 0.7, "used " + cpu + " s of cpu in 1.5 s at a 20% quota");
        assertEquals(20, ran.limits().cpuQuotaPercent());
    }

    @Test
    void requestsCanOnlyLowerTheConfiguredLimits() throws Exception {
        JsonNode ran = run("argv", List.of("true"), "memory_max_mb", 4096, "tasks_max", 10000);
        assertEquals(512, ran.path("limits").path("memory_max_mb").asInt());
        assertEquals(256, ran.path("limits").path("tasks_max").asInt());
    }

    @Test
    void cancellingKillsTheRunPromptly() throws Exception {
        String marker = "50." + unique();
        TestContext context = TestContext.readOnly().cancelAfter(3);
        JsonNode ran = run(context, "argv", List.of("sleep", marker), "timeout_s", 60);
        assertEquals("cancelled", ran.path("killed_reason").asText(), ran.toString());
        assertTrue(ran.path("duration_ms").asLong() < 3000, ran.toString());
        assertEquals(0, processesWithArgument(marker));
        ActionException before = assertThrows(ActionException.class,
                () -> run(TestContext.readOnly().cancelAfter(0), "argv", List.of("true")));
        assertTrue(before.getMessage().contains("cancelled"), before.getMessage());
    }

    @Test
    void longRunsReportTheirProgress() throws Exception {
        TestContext context = TestContext.readOnly();
        JsonNode ran = run(context, "argv", List.of("sleep", "2.3"), "timeout_s", 10);
        assertEquals(0, ran.path("exit_code").asInt());
        assertTrue(context.progress().size() >= 2, context.progress().toString());
        assertTrue(context.progress().getFirst().contains("running for 1 s of at most 10 s"), context.progress().toString());
    }

    @Test
    void thePreviewSaysWhatWouldRunAndRunsNothing() throws Exception {
        JsonNode planned = Harness.preview("proc.run", Harness.params("argv", List.of("touch", dir + "/x"),
                "cwd", dir.toString(), "tasks_max", 9), TestContext.readOnly());
        assertEquals("/usr/bin/touch", planned.path("program").asText());
        assertEquals(List.of(dir + "/x"), List.of(planned.path("argv").get(0).asText()));
        assertEquals(dir.toString(), planned.path("cwd").asText());
        assertEquals(9, planned.path("limits").path("tasks_max").asInt());
        assertTrue(planned.path("run_as").asText().contains("uid " + Posix.getuid()), planned.toString());
        assertFalse(Files.exists(dir.resolve("x")));
    }

    @Test
    void aLiteralDollarStaysLiteral() throws Exception {
        JsonNode ran = run("argv", List.of("echo", "$HOME", "${PATH}", "$$"));
        assertEquals("$HOME ${PATH} $$\n", ran.path("stdout").asText());
    }

    private static void assumeLimits() {
        Assumptions.assumeTrue(Cgroups.discover().usable(), "no usable cgroup: " + Cgroups.discover().unusableReason());
    }

    static String unique() {
        return Long.toString(Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L));
    }

    /** how many live processes have {@code argument} as one of their arguments. */
    /** polls until no live process has {@code argument} on its command line; fails after 20 s. */
    static void awaitNoProcessWithArgument(String argument) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (processesWithArgument(argument) > 0) {
            assertTrue(System.nanoTime() < deadline, "a process with " + argument + " survived");
            Thread.sleep(10);
        }
    }

    static long processesWithArgument(String argument) throws IOException {
        long found = 0;
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            for (Path entry : entries.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                try {
                    String cmdline = new String(Files.readAllBytes(entry.resolve("cmdline")), StandardCharsets.UTF_8);
                    String state = Files.readString(entry.resolve("stat"));
                    boolean zombie = state.substring(state.lastIndexOf(')') + 2).startsWith("Z");
                    if (!zombie && List.of(cmdline.split("\0")).contains(argument)) {
                        found++;
                    }
                } catch (IOException e) {
                    // gone meanwhile
                }
            }
        }
        return found;
    }
}
