package dev.llmos.actions.proc;

import dev.llmos.action.testkit.TestUsers;
import java.io.IOException;

/** the proc tests' own unprivileged user, {@code llmos-proc-test}; tests that need it are skipped when not root. */
final class TestUser {
    static final String NAME = "llmos-proc-test";

    private TestUser() {
    }

    /** the user, created when missing ({@link TestUsers}). */
    static TestUsers.User ensure() throws IOException {
        TestUsers.assumeRoot();
        return TestUsers.ensure(NAME, "/usr/sbin/nologin");
    }
}
