package dev.llmos.actions.proc;

import dev.llmos.posix.Posix;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * a real unprivileged user for the tests, {@code llmos-proc-test}, created with a home directory on
 * first use (useradd, as root); tests that need it are skipped when not root.
 */
final class TestUser {
    static final String NAME = "llmos-proc-test";

    private TestUser() {
    }

    /** the user's database entry, creating the user when missing. */
    static synchronized Posix.Passwd ensure() throws Exception {
        Assumptions.assumeTrue(Posix.getuid() == 0, "needs root to create and switch to a test user");
        var existing = Posix.passwd(NAME);
        if (existing.isPresent()) {
            return existing.get();
        }
        Process useradd = new ProcessBuilder("useradd", "--create-home", "--shell", "/usr/sbin/nologin",
                "--comment", "llm-os proc tests", NAME).redirectErrorStream(true).start();
        String output = new String(useradd.getInputStream().readAllBytes());
        if (!useradd.waitFor(30, TimeUnit.SECONDS) || useradd.exitValue() != 0) {
            throw new AssertionError("useradd failed: " + output);
        }
        return Posix.passwd(NAME).orElseThrow();
    }
}
