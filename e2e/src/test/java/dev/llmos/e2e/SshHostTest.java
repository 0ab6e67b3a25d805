package dev.llmos.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.action.testkit.TestUsers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code llmsh --host}: llmsh on this machine reaches a daemon through a real sshd on loopback,
 * logging in as two different users. the daemon sees each ssh user as the caller (sshd's child
 * connects to its socket as that user), so its own policy decides and its own undo undoes.
 */
class SshHostTest {
    private static DaemonProcess daemon;
    private static SshHosts ssh;
    private static TestUsers.User ann;
    private static TestUsers.User ben;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(TestUsers.isRoot(), "users, sshd and a root daemon need root");
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/sshd")), "openssh-server is in packaging/test-packages.txt");
        ann = TestUsers.ensure("llmos-ssh-ann");
        ben = TestUsers.ensure("llmos-ssh-ben");
        daemon = DaemonProcess.start();
        ssh = SshHosts.start(1, Path.of("/srv/llmos-e2e-ssh-host"), List.of(ann, ben));
    }

    @AfterAll
    static void stop() throws Exception {
        if (ssh != null) {
            ssh.close();
        }
        if (daemon != null) {
            daemon.close();
        }
    }

    /** llmsh as root here, as {@code user} on the host, against the test daemon's socket there. */
    private static Run remote(TestUsers.User user, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("--host", ssh.destination(0, user.name()),
                "--socket", daemon.socket.toString()));
        command.addAll(List.of(args));
        return Run.of(Distribution.llmsh(command.toArray(String[]::new)), ssh.env());
    }

    /** the pid of the ssh master behind {@code user}'s connection ({@code ssh -O check}). */
    private static String masterPid(TestUsers.User user) throws Exception {
        try (var files = Files.list(ssh.runtime.resolve("llmsh/ssh"))) {
            List<String> pids = new ArrayList<>();
            for (Path control : files.filter(f -> f.toString().endsWith(".ctl")).toList()) {
                Run check = Run.of(List.of("ssh", "-o", "ControlPath=" + control, "-O", "check",
                        ssh.destination(0, user.name())));
                pids.add(check.err().strip());
            }
            return String.join(",", pids);
        }
    }

    @Test
    void eachSshUserIsTheCallerAndTheConnectionIsReused() throws Exception {
        for (TestUsers.User user : List.of(ann, ben)) {
            Run status = remote(user, "--json", "status");
            assertEquals(0, status.exit(), status.toString());
            JsonNode json = status.json();
            assertEquals(user.name(), json.at("/caller/user").asText(), json.toString());
            assertEquals(user.uid(), json.at("/caller/uid").asInt());
        }
        String masters = masterPid(ann);
        assertTrue(masters.contains("Master running"), masters);
        Run info = remote(ann, "--json", "do", "sys.info");
        assertEquals(0, info.exit(), info.toString());
        assertEquals(masters, masterPid(ann), "the second command went through the same ssh master");
    }

    @Test
    void theRemotePolicyDeniesAndNothingChanges() throws Exception {
        String before = sha256(Path.of("/etc/passwd"));
        Run run = remote(ann, "--yes", "do", "fs.delete", "path=/etc/passwd");
        assertEquals(3, run.exit(), run.toString());
        assertTrue(run.err().contains("denied"), run.err());
        assertEquals(before, sha256(Path.of("/etc/passwd")));
    }

    @Test
    void tildeIsTheRemoteHomeAndUndoUndoesThere() throws Exception {
        Path note = Path.of(ben.home(), "remote-note.txt");
        Files.deleteIfExists(note);
        Run write = remote(ben, "--json", "--yes", "do", "fs.write", "path=~/remote-note.txt", "content=from afar\n");
        assertEquals(0, write.exit(), write.toString());
        assertEquals("from afar\n", Files.readString(note));
        assertEquals(ben.name(), Files.getOwner(note).getName(), "written as ben, by ben's executor");
        String txid = write.json().get("txid").asText();
        Run audit = remote(ben, "--json", "audit", "tail");
        assertEquals(0, audit.exit(), audit.toString());
        assertTrue(audit.out().contains(txid), "the remote audit holds ben's write: " + audit.out());
        Run undo = remote(ben, "--yes", "undo", txid);
        assertEquals(0, undo.exit(), undo.toString());
        assertFalse(Files.exists(note), "undone on the host");
        Run again = remote(ann, "--yes", "undo", txid);
        assertNotEquals(0, again.exit(), "ann cannot undo ben's transaction: " + again);
    }

    @Test
    void plainWordsArePlannedOnTheHostWhereARelativeNameIsTheSshUsersHome() throws Exception {
        Path note = Path.of(ann.home(), "said-in-words.txt");
        Files.writeString(note, "read through plain words\n");
        try {
            Run who = remote(ann, "what is my username");
            assertEquals(0, who.exit(), who.toString());
            assertTrue(who.err().contains("1. user.info"), who.err());
            assertTrue(who.out().contains(ann.name()), "the host's daemon answers for its caller, the ssh user: " + who);
            Run read = remote(ann, "print the contents of said-in-words.txt");
            assertEquals(0, read.exit(), read.toString());
            assertTrue(read.err().contains("1. fs.read"), read.err());
            assertTrue(read.out().contains("read through plain words"), "a bare name is the ssh user's home there: " + read);
        } finally {
            Files.deleteIfExists(note);
        }
    }

    @Test
    void aSavedPlanIsAppliedOnTheHostAsTheSshUser() throws Exception {
        Path note = Path.of(ann.home(), "planned-remotely.txt");
        Files.deleteIfExists(note);
        Path plan = Files.createTempFile("llmos-e2e-ssh-plan", ".json");
        try {
            Files.writeString(plan, "{\"version\":1,\"request\":\"a note\",\"planner\":\"test\",\"steps\":[{\"action\":"
                    + "\"fs.write\",\"params\":{\"path\":\"" + note + "\",\"content\":\"planned\\n\"}}]}");
            Run apply = remote(ann, "--yes", "apply", plan.toString());
            assertEquals(0, apply.exit(), apply.toString());
            assertEquals("planned\n", Files.readString(note));
            assertEquals(ann.name(), Files.getOwner(note).getName(), "applied as ann on the host");
        } finally {
            Files.deleteIfExists(plan);
            Files.deleteIfExists(note);
        }
    }

    @Test
    void aHostThatCouldBeAnOptionIsRefusedBeforeSshRuns() throws Exception {
        Run run = Run.of(Distribution.llmsh("--host", "-oProxyCommand=touch /tmp/llmos-pwned", "status"), ssh.env());
        assertEquals(2, run.exit(), run.toString());
        assertTrue(run.err().contains("cannot start with '-'"), run.err());
        assertFalse(Files.exists(Path.of("/tmp/llmos-pwned")));
    }

    @Test
    void aHostWithoutADaemonSaysSo() throws Exception {
        Run run = Run.of(Distribution.llmsh("--host", ssh.destination(0, ann.name()), "--socket",
                "/run/llmos-e2e-no-such-daemon.sock", "status"), ssh.env());
        assertEquals(4, run.exit(), run.toString());
        assertTrue(run.err().contains("no llm-osd answers"), run.err());
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
