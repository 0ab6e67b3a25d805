package dev.llmos.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.action.testkit.TestUsers;
import dev.llmos.protocol.ErrorCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * a root daemon and a real unprivileged caller: the daemon sees the caller's uid from the kernel
 * and runs the caller's actions with the caller's privileges, so the kernel refuses what the
 * caller may not do.
 */
class IdentityTest {
    private static DaemonProcess daemon;
    private static TestUsers.User bob;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(TestUsers.isRoot(), "creating users and a root daemon needs root");
        bob = TestUsers.ensure("llmos-bob");
        daemon = DaemonProcess.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
    }

    private static Run llmshAsBob(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("--json"));
        command.addAll(List.of(args));
        return daemon.llmsh(bob, command.toArray(String[]::new));
    }

    @Test
    void statusShowsTheCallersOwnIdentity() throws Exception {
        Run run = llmshAsBob("status");
        assertEquals(0, run.exit(), run.toString());
        JsonNode status = run.json();
        assertEquals(bob.uid(), status.at("/caller/uid").asInt());
        assertEquals(bob.gid(), status.at("/caller/gid").asInt());
        assertEquals("llmos-bob", status.at("/caller/user").asText());
        assertEquals(0, status.get("uid").asInt(), "the daemon itself runs as root");
    }

    @Test
    void theKernelRefusesAFileTheCallerCannotRead() throws Exception {
        Run run = llmshAsBob("do", "fs.read", "path=/etc/shadow");
        assertEquals(1, run.exit(), run.toString());
        JsonNode error = run.json();
        assertEquals(ErrorCodes.ACTION_FAILED, error.get("code").asInt());
        assertTrue(error.get("message").asText().contains("permission denied"), error.toString());
        assertTrue(error.at("/data/txid").asText().startsWith("tx-"));
    }

    @Test
    void theCallerReadsTheirOwnPrivateFile() throws Exception {
        Path file = Path.of(bob.home(), "note.txt");
        Files.writeString(file, "bob's secret\n");
        UserPrincipalLookupService users = file.getFileSystem().getUserPrincipalLookupService();
        Files.setOwner(file, users.lookupPrincipalByName(bob.name()));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        Run run = llmshAsBob("do", "fs.read", "path=" + file);
        assertEquals(0, run.exit(), run.toString());
        JsonNode result = run.json();
        assertEquals("bob's secret\n", result.at("/output/content").asText());
        assertEquals("utf-8", result.at("/output/encoding").asText());
    }

    @Test
    void rootReadsWhatRootMayRead() throws Exception {
        try (RpcClient client = daemon.connect()) {
            JsonNode reply = client.call("action.execute", RpcClient.params(
                    "{\"action\":\"fs.read\",\"params\":{\"path\":\"/etc/shadow\",\"max_bytes\":16}}"));
            assertEquals("ok", reply.at("/result/status").asText(), reply.toString());
        }
    }

    @Test
    void theCallersActionsRunInAnExecutorWithTheCallersUid() throws Exception {
        assertEquals(0, llmshAsBob("do", "sys.info").exit());
        try (RpcClient client = daemon.connect()) {
            JsonNode executors = client.call("system.status", null).at("/result/executors");
            boolean found = false;
            for (JsonNode executor : executors) {
                if (executor.get("uid").asInt() == bob.uid()) {
                    long pid = executor.get("pid").asLong();
                    String status = Files.readString(Path.of("/proc", Long.toString(pid), "status"));
                    String uids = status.lines().filter(l -> l.startsWith("Uid:")).findFirst().orElseThrow();
                    assertEquals(List.of(bob.uid(), bob.uid(), bob.uid(), bob.uid()),
                            java.util.Arrays.stream(uids.substring(4).trim().split("\\s+")).map(Integer::parseInt).toList(),
                            "real, effective, saved and fs uid are all the caller's");
                    String capEff = status.lines().filter(l -> l.startsWith("CapEff:")).findFirst().orElseThrow();
                    assertEquals("0000000000000000", capEff.substring(7).trim());
                    // bob can neither read nor attach to his own executor: it dropped to him itself,
                    // so it is not dumpable, and what it reports to the daemon cannot be forged by him
                    Run peek = Run.of(Run.as(bob, List.of("cat", "/proc/" + pid + "/environ")));
                    assertTrue(peek.exit() != 0 && peek.err().contains("Permission denied"), peek.toString());
                    Run attach = Run.of(Run.as(bob, List.of("/usr/bin/python3", "-c", "import ctypes,sys\n"
                            + "libc = ctypes.CDLL(None, use_errno=True)\n"
                            + "rc = libc.ptrace(16, " + pid + ", 0, 0)\n"
                            + "print(rc, ctypes.get_errno())")));
                    assertEquals("-1 1", attach.out().strip(), "ptrace(PTRACE_ATTACH) is refused with EPERM: " + attach);
                    found = true;
                }
            }
            assertTrue(found, "an executor for bob is listed: " + executors);
        }
    }
}
