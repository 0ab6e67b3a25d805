package dev.llmos.support.process;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** the runner against real programs: coreutils, and sh where a test needs a tree of processes. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ProcessRunnerTest {
    private static final String SH = "/bin/sh";

    @Test
    void theEnvironmentIsExactlyTheOneGivenAndTheDirectoryIsRoot() throws Exception {
        ProcessRunner.Result env = ProcessRunner.of(List.of("/usr/bin/env")).environment(Map.of("A", "1", "B", "two"))
                .run();
        assertTrue(env.ok(), env.toString());
        assertEquals(List.of("A=1", "B=two"), env.stdout().text().lines().sorted().toList());
        ProcessRunner.Result pwd = ProcessRunner.of(List.of("/bin/pwd")).run();
        assertEquals("/\n", pwd.stdout().text());
        ProcessRunner.Result tmp = ProcessRunner.of(List.of("/bin/pwd")).directory(Path.of("/tmp")).run();
        assertEquals("/tmp\n", tmp.stdout().text());
    }

    @Test
    void stdinIsTheBytesGivenOrElseEmpty() throws Exception {
        byte[] bytes = "hello\nworld\n".getBytes(StandardCharsets.UTF_8);
        ProcessRunner.Result fed = ProcessRunner.of(List.of("/bin/cat")).stdin(bytes).run();
        assertArrayEquals(bytes, fed.stdout().bytes());
        ProcessRunner.Result none = ProcessRunner.of(List.of("/bin/cat")).timeout(Duration.ofSeconds(30)).run();
        assertEquals(Ending.EXITED, none.ending());
        assertEquals(0, none.stdout().total());
    }

    @Test
    void outputPastTheLimitIsCountedAndItsTailKept() throws Exception {
        ProcessRunner.Result result = ProcessRunner.of(List.of("/usr/bin/seq", "1", "100000")).maxStdout(10).run();
        assertTrue(result.ok());
        assertEquals("1\n2\n3\n4\n5\n", result.stdout().text());
        assertTrue(result.stdout().truncated());
        long expected = 0;
        for (int i = 1; i <= 100000; i++) {
            expected += Integer.toString(i).length() + 1;
        }
        assertEquals(expected, result.stdout().total());
        assertTrue(result.stdout().tail().endsWith("99999\n100000\n"), result.stdout().tail());
        assertEquals(Output.TAIL, result.stdout().tail().length());
        assertEquals("", result.stderr().text(), "stderr keeps no head unless asked");
    }

    @Test
    void truncatedTextNeverEndsInsideACharacter() throws Exception {
        ProcessRunner.Result result = ProcessRunner.of(List.of("/bin/echo", "ééé")).maxStdout(3).run();
        assertEquals("é", result.stdout().text());
        assertEquals("ééé\n", result.stdout().tail());
    }

    @Test
    void aFullStdoutStopsTheProgramWhenAsked() throws Exception {
        ProcessRunner.Result result = ProcessRunner.of(List.of("/usr/bin/yes")).maxStdout(1000).stopWhenFull().run();
        assertEquals(Ending.OUTPUT_LIMIT, result.ending());
        assertEquals(1000, result.stdout().bytes().length);
        assertEquals("y\n".repeat(500), result.stdout().text());
    }

    @Test
    void theTimeLimitKillsTheWholeTree() throws Exception {
        ProcessRunner.Result result = ProcessRunner.of(List.of(SH, "-c", "sleep 300 & echo $!; wait"))
                .timeout(Duration.ofMillis(300)).run();
        assertEquals(Ending.TIMED_OUT, result.ending());
        assertEquals(128 + 9, result.status());
        long child = Long.parseLong(result.stdout().text().strip());
        assertGone(child);
    }

    @Test
    void aCancelStopsTheRunAtTheNextPoll() throws Exception {
        AtomicInteger polls = new AtomicInteger();
        ProcessRunner.Result result = ProcessRunner.of(List.of("/bin/sleep", "300"))
                .cancelledBy(() -> polls.incrementAndGet() > 2).run();
        assertEquals(Ending.CANCELLED, result.ending());
        assertEquals(3, polls.get());
    }

    @Test
    void aWatcherSeesTheRunningProgramAndMayStopIt() throws Exception {
        AtomicReference<Long> seen = new AtomicReference<>();
        ProcessRunner.Result result = ProcessRunner.of(List.of("/bin/sleep", "300")).watch((process, elapsed) -> {
            seen.set(process.pid());
            return elapsed.compareTo(Duration.ofMillis(100)) > 0;
        }).run();
        assertEquals(Ending.STOPPED, result.ending());
        assertGone(seen.get());
    }

    @Test
    void aFamilyMayStopItsOwnWay() throws Exception {
        List<Long> asked = new CopyOnWriteArrayList<>();
        ProcessRunner.Result result = ProcessRunner.of(List.of("/bin/sleep", "300")).timeout(Duration.ofMillis(100))
                .stopWith(process -> {
                    asked.add(process.pid());
                    process.destroy();
                }).run();
        assertEquals(Ending.TIMED_OUT, result.ending());
        assertEquals(128 + 15, result.status(), "sigterm, as the family chose");
        assertEquals(1, asked.size());
    }

    @Test
    void aDescendantHoldingThePipeCannotHangTheRun() throws Exception {
        ProcessRunner.Result result = ProcessRunner.of(List.of(SH, "-c", "sleep 300 & echo $!")).run();
        assertTrue(result.ok(), result.toString());
        long child = Long.parseLong(result.stdout().text().strip());
        assertTrue(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false),
                "a program that ended on its own keeps what it left running");
        ProcessTree.kill(ProcessHandle.of(child).orElseThrow());
        assertGone(child);
    }

    @Test
    void aDetachedProgramIsWaitedForAloneAndItsOutputRead() throws Exception {
        ProcessRunner.Result result = ProcessRunner.of(List.of(SH, "-c", "sleep 300 & echo $!; echo oops >&2"))
                .detached().maxStderr(100).run();
        assertTrue(result.ok(), result.toString());
        assertEquals("oops\n", result.stderr().text());
        assertEquals("oops\n", result.stderr().tail());
        long child = Long.parseLong(result.stdout().text().strip());
        ProcessTree.kill(ProcessHandle.of(child).orElseThrow());
        assertGone(child);
    }

    @Test
    void stderrLinesReachTheListenerAsTheyCome() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        ProcessRunner.Result result = ProcessRunner.of(List.of(SH, "-c", "echo one >&2; echo two >&2; printf three >&2"))
                .stderrLines(lines::add).run();
        assertEquals(List.of("one", "two", "three"), lines);
        assertEquals("one\ntwo\nthree", result.stderr().tail());
        assertEquals("one", result.stderr().firstLine());
    }

    @Test
    void aProgramThatCannotStartIsAnIoException() {
        IOException e = assertThrows(IOException.class,
                () -> ProcessRunner.of(List.of("/nonexistent/llmos-program")).run());
        assertTrue(e.getMessage().contains("/nonexistent/llmos-program"), e.getMessage());
    }

    @Test
    void anInterruptStopsTheProgramAndIsPassedOn() throws Exception {
        AtomicReference<Long> pid = new AtomicReference<>();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread runner = Thread.ofVirtual().start(() -> {
            try {
                ProcessRunner.of(List.of("/bin/sleep", "300")).watch((process, elapsed) -> {
                    pid.compareAndSet(null, process.pid());
                    return false;
                }).run();
            } catch (Exception e) {
                thrown.set(e);
            }
        });
        while (pid.get() == null) {
            Thread.sleep(5);
        }
        runner.interrupt();
        runner.join();
        assertTrue(thrown.get() instanceof InterruptedException, String.valueOf(thrown.get()));
        assertGone(pid.get());
    }

    /** waits (polling) until {@code pid} has ended; fails after a generous bound. */
    private static void assertGone(long pid) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            assertFalse(System.nanoTime() > deadline, "process " + pid + " is still alive");
            Thread.sleep(10);
        }
    }
}
