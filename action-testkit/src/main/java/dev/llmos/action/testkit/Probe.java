package dev.llmos.action.testkit;

import dev.llmos.action.ActionException;
import dev.llmos.support.process.Output;
import dev.llmos.support.process.ProcessRunner;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Assumptions;

/**
 * checks that must run as a user who is not root, where the kernel and not root's override
 * decides: a test starts a probe's {@code main} in a jvm of another uid and gid ({@link #runAs},
 * through setpriv), the probe runs its checks ({@link #check}), each printing {@code ok NAME} or
 * {@code FAIL NAME: why}, and exits non-zero when any failed ({@link #exit}).
 */
public final class Probe {
    /** one check; any exception or assertion error fails it. */
    @FunctionalInterface
    public interface Check {
        void run() throws Exception;
    }

    /** what a probe printed, and how many of its checks passed. */
    public record Outcome(int exit, String output, long passed) {
    }

    private int failures;

    /** runs {@code check} and prints its verdict. */
    public void check(String name, Check check) {
        try {
            check.run();
            System.out.println("ok " + name);
        } catch (Exception | AssertionError e) {
            failures++;
            System.out.println("FAIL " + name + ": " + e);
            for (Throwable suppressed : e.getSuppressed()) {
                System.out.println("  also: " + suppressed);
            }
        }
    }

    /** ends the probe's jvm: 0 when every check passed. */
    public void exit() {
        System.exit(failures == 0 ? 0 : 1);
    }

    /** fails the check unless {@code actual} equals {@code expected}. */
    public static void expect(Object expected, Object actual) {
        if (!Objects.equals(expected, actual)) {
            throw new AssertionError("expected " + expected + " but was " + actual);
        }
    }

    /** the message of the {@link ActionException} {@code check} throws; fails the check when it throws none. */
    public static String failure(Check check) throws Exception {
        try {
            check.run();
        } catch (ActionException e) {
            return e.getMessage();
        }
        throw new AssertionError("no failure");
    }

    /**
     * runs {@code main} with {@code args} in a jvm as {@code uid} and {@code gid} (no supplementary
     * groups), on this test's class path made readable to that user: jars (under root's private
     * maven repository) are copied into {@code scratch}, class directories are used where they are.
     * skipped without root or setpriv.
     */
    public static Outcome runAs(int uid, int gid, Path scratch, Class<?> main, List<String> args) throws IOException {
        TestUsers.assumeRoot();
        Path setpriv = Path.of("/usr/bin/setpriv");
        Assumptions.assumeTrue(Files.isExecutable(setpriv), "needs setpriv");
        List<String> command = new ArrayList<>(List.of(setpriv.toString(), "--reuid=" + uid, "--regid=" + gid,
                "--clear-groups", "--", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:-UsePerfData", "--enable-native-access=ALL-UNNAMED", "-cp", readableClassPath(scratch),
                main.getName()));
        command.addAll(args);
        try {
            ProcessRunner.Result result = ProcessRunner.of(command)
                    .environment(Map.of("PATH", "/usr/bin:/bin", "LC_ALL", "C.UTF-8", "HOME", "/"))
                    .timeout(Duration.ofMinutes(2)).maxStderr(Output.TAIL).run();
            String output = result.stdout().text() + result.stderr().text();
            return new Outcome(result.status(), output, output.lines().filter(line -> line.startsWith("ok ")).count());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the probe ran", e);
        }
    }

    private static String readableClassPath(Path scratch) throws IOException {
        Path jars = Files.createDirectories(scratch.resolve("classpath"));
        Files.setAttribute(jars, "unix:mode", 0755);
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (Files.isRegularFile(path)) {
                Path copy = jars.resolve(entries.size() + "-" + path.getFileName());
                Files.copy(path, copy);
                Files.setAttribute(copy, "unix:mode", 0644);
                entries.add(copy.toString());
            } else {
                entries.add(entry);
            }
        }
        return String.join(File.pathSeparator, entries);
    }
}
