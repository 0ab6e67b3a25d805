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
import dev.llmos.protocol.Json;
import dev.llmos.protocol.RpcException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** proc.signal on real processes: the caller's own, another user's, and the ones never signalled. */
class ProcSignalActionTest {
    private final List<Process> started = new ArrayList<>();

    @TempDir
    Path quarantine;

    @AfterEach
    void killLeftovers() {
        started.forEach(Process::destroyForcibly);
    }

    private Process sleeper(String... prefix) throws Exception {
        List<String> command = new ArrayList<>(List.of(prefix));
        command.addAll(List.of("/bin/sleep", "300"));
        Process process = new ProcessBuilder(command).start();
        started.add(process);
        return process;
    }

    private static JsonNode signal(TestContext context, long pid, String signal) throws Exception {
        return Harness.run("proc.signal", Harness.params("pid", pid, "signal", signal), context).output();
    }

    @Test
    void termEndsTheCallersOwnProcess() throws Exception {
        Process sleeper = sleeper();
        JsonNode sent = signal(TestContext.readOnly(), sleeper.pid(), "term");
        assertEquals("term", sent.path("signal").asText());
        assertEquals("sleep", sent.path("name").asText());
        assertTrue(List.of("exited", "zombie").contains(sent.path("state_after").asText()), sent.toString());
        assertTrue(sleeper.waitFor(5, TimeUnit.SECONDS));
        assertEquals(128 + 15, sleeper.exitValue());
    }

    @Test
    void stopIsUndoneByCont() throws Exception {
        Process sleeper = sleeper();
        TestContext context = TestContext.withQuarantine(quarantine);
        JsonNode stopped = signal(context, sleeper.pid(), "stop");
        assertEquals("stopped", stopped.path("state_after").asText());
        TestContext.Inverse inverse = context.inverse();
        assertEquals("proc.signal", inverse.action());
        JsonNode params = Json.toTree(inverse.params());
        assertEquals("cont", params.path("signal").asText());
        assertTrue(params.path("start_time").asLong() > 0);
        JsonNode resumed = Harness.run("proc.signal", (com.fasterxml.jackson.databind.node.ObjectNode) params,
                TestContext.withQuarantine(quarantine)).output();
        assertEquals("running", resumed.path("state_after").asText());
        assertTrue(sleeper.isAlive());
    }

    @Test
    void aReusedPidIsRefused() throws Exception {
        Process sleeper = sleeper();
        ActionException e = assertThrows(ActionException.class, () -> Harness.run("proc.signal",
                Harness.params("pid", sleeper.pid(), "signal", "kill", "start_time", 1), TestContext.readOnly()));
        assertTrue(e.getMessage().contains("is now another process"), e.getMessage());
        assertTrue(sleeper.isAlive());
    }

    @Test
    void anotherUsersProcessIsRefusedUnlessElevated() throws Exception {
        TestUsers.User user = TestUser.ensure();
        Process theirs = sleeper("/usr/bin/setpriv", "--reuid=" + user.uid(), "--regid=" + user.gid(), "--clear-groups",
                "--");
        awaitOwner(theirs.pid(), user.uid());
        ActionException refused = assertThrows(ActionException.class,
                () -> signal(TestContext.readOnly(), theirs.pid(), "kill"));
        assertTrue(refused.getMessage().contains("belongs to " + TestUser.NAME), refused.getMessage());
        assertTrue(theirs.isAlive());
        // and the other way round: that user may not signal a process of root's
        Process mine = sleeper();
        TestContext asThem = TestContext.readOnly().as(TestUser.NAME, false);
        ActionException notTheirs = assertThrows(ActionException.class, () -> Harness.run("proc.signal",
                Harness.params("pid", mine.pid(), "signal", "term"), asThem));
        assertTrue(notTheirs.getMessage().contains("belongs to root"), notTheirs.getMessage());
        assertTrue(mine.isAlive());
        JsonNode granted = Harness.run("proc.signal", Harness.params("pid", theirs.pid(), "signal", "kill"),
                TestContext.readOnly().as(TestUser.NAME, true)).output();
        assertEquals(TestUser.NAME, granted.path("user").asText());
        assertTrue(theirs.waitFor(5, TimeUnit.SECONDS));
    }

    @Test
    void initThisProcessAndItsAncestorsAreNeverSignalled() throws Exception {
        RpcException init = assertThrows(RpcException.class, () -> signal(TestContext.readOnly(), 1, "kill"));
        assertEquals(-32602, init.error().code());
        ActionException direct = assertThrows(ActionException.class, () -> new ProcSignalAction().execute(
                new ProcSignalAction.Params(1, ProcSignalAction.Signal.KILL, null), TestContext.readOnly()));
        assertTrue(direct.getMessage().contains("init"), direct.getMessage());
        ActionException self = assertThrows(ActionException.class,
                () -> signal(TestContext.readOnly(), ProcessHandle.current().pid(), "stop"));
        assertTrue(self.getMessage().contains("never signalled"), self.getMessage());
        long parent = ProcessHandle.current().parent().orElseThrow().pid();
        Assumptions.assumeTrue(parent > 1);
        ActionException ancestor = assertThrows(ActionException.class,
                () -> signal(TestContext.readOnly(), parent, "term"));
        assertTrue(ancestor.getMessage().contains("never signalled"), ancestor.getMessage());
    }

    @Test
    void kernelThreadsAndMissingProcessesAreClearErrors() throws Exception {
        long kernelThread = kernelThread();
        Assumptions.assumeTrue(kernelThread > 0, "no kernel thread visible in this pid namespace");
        ActionException kthread = assertThrows(ActionException.class,
                () -> signal(TestContext.readOnly(), kernelThread, "kill"));
        assertTrue(kthread.getMessage().contains("is a kernel thread"), kthread.getMessage());
        ActionException missing = assertThrows(ActionException.class,
                () -> signal(TestContext.readOnly(), ProcSignalAction.MAX_PID, "term"));
        assertEquals("no process with pid " + ProcSignalAction.MAX_PID, missing.getMessage());
        assertThrows(RpcException.class, () -> signal(TestContext.readOnly(), 1234, "SIGTERM"));
        assertThrows(RpcException.class, () -> signal(TestContext.readOnly(), 1234, "segv"));
    }

    /** waits (polling /proc) until setpriv has become {@code uid} and executed the sleep. */
    private static void awaitOwner(long pid, int uid) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            var target = ProcSignalAction.read((int) pid);
            if (target.isPresent() && target.get().uid() == uid && target.get().name().equals("sleep")) {
                return;
            }
            assertTrue(System.nanoTime() < deadline, "pid " + pid + " did not become uid " + uid + "'s sleep: " + target);
            Thread.sleep(5);
        }
    }

    /** a visible kernel thread (pf_kthread in the flags of {@code /proc/PID/stat}), or 0. */
    private static long kernelThread() throws Exception {
        try (var entries = java.nio.file.Files.list(Path.of("/proc"))) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit) || name.equals("1")) {
                    continue;
                }
                try {
                    String stat = java.nio.file.Files.readString(entry.resolve("stat"));
                    long flags = Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[6]);
                    if ((flags & 0x00200000L) != 0) {
                        return Long.parseLong(name);
                    }
                } catch (java.io.IOException e) {
                    // gone meanwhile
                }
            }
        }
        return 0;
    }

    @Test
    void thePreviewNamesTheTargetAndSendsNothing() throws Exception {
        Process sleeper = sleeper();
        JsonNode target = Harness.preview("proc.signal", Harness.params("pid", sleeper.pid(), "signal", "kill"),
                TestContext.readOnly());
        assertEquals("sleep", target.path("name").asText());
        assertEquals(Posix.getuid(), target.path("uid").asInt());
        assertTrue(sleeper.isAlive());
        assertEquals('S', ProcSignalAction.read((int) sleeper.pid()).orElseThrow().state(), "neither stopped nor killed");
    }
}
