package dev.llmos.action.testkit;

import dev.llmos.posix.Posix;
import dev.llmos.support.process.ProcessRunner;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * real users and groups for tests, created with useradd and groupadd when missing (as root), and
 * safe to ask for again: a user whose group was left over by an earlier run (userdel without
 * groupdel, a run killed half-way) gets that group as its primary group instead of failing, a
 * user or group another test jvm creates at the same moment is taken as it is. names are the
 * test's own ({@code llmos-...}), so parallel runs of different modules do not collide.
 */
public final class TestUsers {
    private static final Map<String, String> ENV = Map.of("PATH", "/usr/sbin:/usr/bin:/sbin:/bin", "LC_ALL", "C");

    /** a user as the tests use it. */
    public record User(String name, int uid, int gid, String home) {
    }

    private TestUsers() {
    }

    public static boolean isRoot() {
        return Posix.getuid() == 0;
    }

    /** skips the calling test unless it runs as root, who alone can create and become other users. */
    public static void assumeRoot() {
        Assumptions.assumeTrue(isRoot(), "needs root to create and switch to test users");
    }

    /** the user {@code name} with a home directory and a login shell, created when missing. */
    public static User ensure(String name) throws IOException {
        return ensure(name, "/bin/bash");
    }

    /** the user {@code name} with a home directory and {@code shell}, created when missing. */
    public static synchronized User ensure(String name, String shell) throws IOException {
        if (Posix.passwd(name).isEmpty()) {
            List<String> argv = new ArrayList<>(List.of("useradd", "--create-home", "--shell", shell));
            // a group of that name left over by an earlier run becomes the user's group; else one is made
            argv.addAll(Posix.groupId(name).isPresent() ? List.of("--gid", name) : List.of("--user-group"));
            argv.add(name);
            String failure = run(argv);
            if (failure != null && Posix.passwd(name).isEmpty()) {
                throw new IOException("useradd " + name + " failed: " + failure);
            }
        }
        Posix.Passwd passwd = Posix.passwd(name).orElseThrow();
        return new User(passwd.name(), passwd.uid(), passwd.gid(), passwd.home());
    }

    /** the id of the group {@code name}, created when missing. */
    public static synchronized int ensureGroup(String name) throws IOException {
        if (Posix.groupId(name).isEmpty()) {
            String failure = run(List.of("groupadd", name));
            if (failure != null && Posix.groupId(name).isEmpty()) {
                throw new IOException("groupadd " + name + " failed: " + failure);
            }
        }
        return Posix.groupId(name).orElseThrow();
    }

    /** runs a user database tool; null when it succeeded, else what it said. */
    private static String run(List<String> argv) throws IOException {
        String program = "/usr/sbin/" + argv.getFirst();
        List<String> command = new ArrayList<>(argv);
        command.set(0, program);
        try {
            ProcessRunner.Result result = ProcessRunner.of(command).environment(ENV).timeout(Duration.ofSeconds(60))
                    .maxStderr(4096).run();
            return result.ok() ? null : "exit " + result.status() + ": " + result.stderr().text().strip();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + program, e);
        }
    }
}
