package dev.llmos.actions.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.action.ActionException;
import dev.llmos.action.testkit.Harness;
import dev.llmos.action.testkit.TestContext;
import dev.llmos.action.testkit.TestUsers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * what the sandbox guarantees whoever runs in it (issue 10): root gets no capabilities and a
 * read-only system, the program that runs is the file that was decided on whatever happens to its
 * name afterwards, the daemon's own paths are invisible, and a run as root refuses files a user
 * controls.
 */
class ProcRunConfinementTest {
    private static TestUsers.User user;
    private Path bin;

    @BeforeAll
    static void needsTheSandbox() throws Exception {
        Assumptions.assumeTrue(Tools.present("bwrap"), "needs bubblewrap");
        user = TestUser.ensure();
    }

    @BeforeEach
    void userBin() throws IOException, InterruptedException {
        bin = Path.of(user.home(), "bin-" + ProcRunActionTest.unique());
        Files.createDirectories(bin);
        chown(bin);
    }

    @AfterEach
    void removeUserBin() throws IOException {
        try (var files = Files.walk(bin)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private void chown(Path path) throws IOException, InterruptedException {
        Process chown = new ProcessBuilder("chown", "-h", user.uid() + ":" + user.gid(), path.toString()).start();
        assertEquals(0, chown.waitFor());
    }

    private static JsonNode run(TestContext context, Object... params) throws Exception {
        return Harness.run("proc.run", Harness.params(params), context).output();
    }

    @Test
    void rootHasNoCapabilitiesCannotRemountAndSeesProtectedTreesReadOnly() throws Exception {
        for (TestContext context : List.of(TestContext.readOnly(), TestContext.readOnly().as(TestUser.NAME, true))) {
            JsonNode ran = run(context, "argv", List.of("sh", "-c", "id -u; grep -E '^(CapEff|CapBnd|NoNewPrivs)' "
                    + "/proc/self/status; mount -o remount,bind,rw / && echo remounted; mount -t tmpfs none /usr "
                    + "&& echo mounted; echo x > /usr/llmos-root-write || echo refused; rm -f /etc/hostname || "
                    + "echo kept"), "cwd", "/");
            List<String> lines = ran.path("stdout").asText().lines().toList();
            assertEquals("0", lines.getFirst(), ran.toString());
            assertTrue(lines.contains("CapEff:\t0000000000000000"), ran.toString());
            assertTrue(lines.contains("CapBnd:\t0000000000000000"), ran.toString());
            assertTrue(lines.contains("NoNewPrivs:\t1"), ran.toString());
            assertFalse(lines.contains("remounted") || lines.contains("mounted"), ran.toString());
            assertTrue(lines.contains("refused") && lines.contains("kept"), ran.toString());
            assertFalse(Files.exists(Path.of("/usr/llmos-root-write")));
            assertTrue(Files.exists(Path.of("/etc/hostname")));
        }
    }

    @Test
    void anElevatedRunKeepsOnlyTheCapabilitiesPolicyGranted() throws Exception {
        JsonNode ran = run(TestContext.readOnly().as(TestUser.NAME, true).keeping(java.util.Set.of("CAP_NET_BIND_SERVICE")),
                "argv", List.of("sh", "-c", "grep -E '^Cap(Eff|Bnd)' /proc/self/status"), "cwd", "/");
        // cap_net_bind_service is bit 10
        assertEquals("CapEff:\t0000000000000400\nCapBnd:\t0000000000000400\n", ran.path("stdout").asText(),
                ran.toString());
        JsonNode asCaller = run(TestContext.readOnly().as(TestUser.NAME, false).keeping(
                java.util.Set.of("CAP_NET_BIND_SERVICE")), "argv", List.of("sh", "-c", "grep -E '^CapEff' /proc/self/status"));
        assertEquals("CapEff:\t0000000000000000\n", asCaller.path("stdout").asText(), "only a run as root keeps any");
    }

    @Test
    void theDecidedProgramRunsWhateverItsNameBecomesAfterTheDecision() throws Exception {
        Path link = Files.createSymbolicLink(bin.resolve("tool"), Path.of("/usr/bin/id"));
        chown(link);
        Path marker = bin.resolve("marker");
        // decided: /usr/bin/id; then the name flips to a shell that would write the marker
        TestContext flipped = TestContext.readOnly().as(TestUser.NAME, false).betweenResolveAndAct(() -> {
            try {
                Files.delete(link);
                Files.createSymbolicLink(link, Path.of("/bin/dash"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        JsonNode ran = run(flipped, "argv", List.of(link.toString(), "-u"), "stdin", "touch " + marker);
        assertEquals(user.uid() + "\n", ran.path("stdout").asText(), ran.toString());
        assertEquals("/usr/bin/id", ran.path("program").asText());
        assertFalse(Files.exists(marker));

        // a regular file the caller owns, renamed away and replaced by a script after the decision
        Path tool = bin.resolve("own-tool");
        Files.copy(Path.of("/usr/bin/id"), tool);
        chown(tool);
        TestContext replaced = TestContext.readOnly().as(TestUser.NAME, false).betweenResolveAndAct(() -> {
            try {
                Files.move(tool, bin.resolve("old-tool"));
                Files.writeString(tool, "#!/bin/sh\ntouch " + marker + "\n");
                tool.toFile().setExecutable(true, false);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        JsonNode again = run(replaced, "argv", List.of(tool.toString(), "-u"));
        assertEquals(user.uid() + "\n", again.path("stdout").asText(), again.toString());
        assertFalse(Files.exists(marker));
    }

    @Test
    void theDaemonsSocketsAndStateAreInvisible() throws Exception {
        Path base = Files.createTempDirectory(Path.of("/run"), "llmos-hidden");
        Path state = Files.createDirectories(base.resolve("state"));
        Files.writeString(state.resolve("audit.log"), "secret");
        Path socket = Files.writeString(base.resolve("llm-osd.sock"), "not really a socket");
        try {
            JsonNode ran = run(TestContext.readOnly().hiding(List.of(socket, state)), "argv", List.of("sh", "-c",
                    "ls -A " + state + "; cat " + socket + "; echo end"), "cwd", "/");
            assertEquals("end\n", ran.path("stdout").asText(), ran.toString());
        } finally {
            Files.delete(state.resolve("audit.log"));
            Files.delete(state);
            Files.delete(socket);
            Files.delete(base);
        }
    }

    @Test
    void aRunAsRootRefusesAProgramOrDirectoryAUserControls() throws Exception {
        Path tool = bin.resolve("root-tool");
        Files.copy(Path.of("/usr/bin/id"), tool, StandardCopyOption.REPLACE_EXISTING);
        // owned by root, but in a directory the user can change
        ActionException inUserDir = assertThrows(ActionException.class,
                () -> run(TestContext.readOnly().as(TestUser.NAME, true), "argv", List.of(tool.toString())));
        assertTrue(inUserDir.getMessage().contains("a run as root refuses the program " + tool + ": " + bin
                + " is owned by uid " + user.uid()), inUserDir.getMessage());
        ActionException userCwd = assertThrows(ActionException.class,
                () -> run(TestContext.readOnly().as(TestUser.NAME, true), "argv", List.of("id"), "cwd", bin.toString()));
        assertTrue(userCwd.getMessage().contains("refuses the working directory"), userCwd.getMessage());
        // the same program is fine for the user themself
        JsonNode ran = run(TestContext.readOnly().as(TestUser.NAME, false), "argv", List.of(tool.toString(), "-u"));
        assertEquals(user.uid() + "\n", ran.path("stdout").asText(), ran.toString());
    }
}
