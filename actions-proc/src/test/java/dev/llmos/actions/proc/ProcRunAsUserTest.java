package dev.llmos.actions.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.action.testkit.Harness;
import dev.llmos.action.testkit.TestContext;
import dev.llmos.action.testkit.TestUsers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * proc.run for a caller who is another real user, as a root daemon serves one: the program gets
 * that user's uid, gid and groups, so the kernel decides what it may touch.
 */
class ProcRunAsUserTest {
    private static TestUsers.User user;

    @BeforeAll
    static void createTheUser() throws Exception {
        Assumptions.assumeTrue(Tools.present("bwrap"), "needs bubblewrap");
        Assumptions.assumeFalse(SystemdRunSandbox.systemdBooted(), "this class tests the bubblewrap path");
        user = TestUser.ensure();
    }

    private static JsonNode run(TestContext context, Object... params) throws Exception {
        return Harness.run("proc.run", Harness.params(params), context).output();
    }

    @Test
    void theProgramRunsAsTheCallerWithTheirGroups() throws Exception {
        // 100 is "users" on debian: a supplementary group the caller's process had
        JsonNode ran = run(TestContext.readOnly().as(TestUser.NAME, false, 100), "argv", List.of("sh", "-c",
                "id -u; id -g; id -G; echo $HOME; echo $USER; pwd; grep -E '^(Cap(Eff|Prm)|NoNewPrivs)' /proc/self/status"));
        List<String> lines = ran.path("stdout").asText().lines().toList();
        assertEquals(Integer.toString(user.uid()), lines.get(0), ran.toString());
        assertEquals(Integer.toString(user.gid()), lines.get(1));
        assertEquals(List.of(Integer.toString(user.gid()), "100"), List.of(lines.get(2).split(" ")));
        assertEquals(user.home(), lines.get(3));
        assertEquals(TestUser.NAME, lines.get(4));
        assertEquals(user.home(), lines.get(5), "the default working directory is the home");
        assertTrue(lines.contains("CapPrm:\t0000000000000000"), lines.toString());
        assertTrue(lines.contains("CapEff:\t0000000000000000"), lines.toString());
        assertTrue(lines.contains("NoNewPrivs:\t1"), lines.toString());
        assertEquals(TestUser.NAME, ran.path("user").asText());
    }

    @Test
    void theKernelDecidesWhatTheCallerMayTouch() throws Exception {
        // under /run, which the sandbox shows (read-only) rather than replacing like /tmp
        Path shared = Files.createTempDirectory(Path.of("/run"), "llmos-proc-test");
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path secret = shared.resolve("secret.txt");
        Files.writeString(secret, "root only");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        Path home = Path.of(user.home());
        Path written = home.resolve("proc-test-" + ProcRunActionTest.unique() + ".txt");
        try {
            JsonNode ran = run(TestContext.readOnly().as(TestUser.NAME, false), "argv", List.of("sh", "-c",
                    "touch /etc/llmos-proc-user; cat /etc/shadow; echo mine > " + written + "; cat " + written
                            + "; ls -ld /etc | cut -d' ' -f3"), "cwd", "/");
            String err = ran.path("stderr").asText();
            assertTrue(err.contains("'/etc/llmos-proc-user': Read-only file system"), err);
            assertTrue(err.contains("/etc/shadow: Permission denied"), err);
            // the home is writable, files there belong to the caller, and owners show as they are
            assertEquals("mine\nroot\n", ran.path("stdout").asText(), ran.toString());
            assertEquals(user.uid(), (int) Files.getAttribute(written, "unix:uid"));
            assertFalse(Files.exists(Path.of("/etc/llmos-proc-user")));
            JsonNode hidden = run(TestContext.readOnly().as(TestUser.NAME, false), "argv", List.of("cat", secret.toString()),
                    "cwd", "/");
            assertEquals(1, hidden.path("exit_code").asInt(), hidden.toString());
            assertEquals("/usr/bin/cat: " + secret + ": Permission denied\n", hidden.path("stderr").asText());
        } finally {
            Files.deleteIfExists(secret);
            Files.deleteIfExists(shared);
            Files.deleteIfExists(written);
        }
    }

    @Test
    void anElevatedRunIsRootButStillSeesTheSystemReadOnly() throws Exception {
        JsonNode ran = run(TestContext.readOnly().as(TestUser.NAME, true), "argv", List.of("sh", "-c",
                "id -u; head -c 5 /etc/shadow >/dev/null && echo read-shadow; touch /etc/llmos-proc-root"), "cwd", "/");
        assertEquals("0\nread-shadow\n", ran.path("stdout").asText(), ran.toString());
        assertTrue(ran.path("stderr").asText().contains("Read-only file system"), ran.toString());
        assertEquals("root", ran.path("user").asText());
    }

    @Test
    void limitsHoldForAnotherUserToo() throws Exception {
        Assumptions.assumeTrue(Cgroups.discover().usable(), "no usable cgroup");
        String marker = "bomb-" + ProcRunActionTest.unique();
        JsonNode ran = run(TestContext.readOnly().as(TestUser.NAME, false), "argv", List.of("python3", "-c",
                "import os\nwhile True:\n    try:\n        os.fork()\n    except OSError:\n        pass", marker),
                "tasks_max", 10, "timeout_s", 60);
        assertEquals("tasks", ran.path("killed_reason").asText(), ran.toString());
        assertEquals(0, ProcRunActionTest.processesWithArgument(marker));
    }
}
