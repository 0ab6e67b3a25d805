package dev.llmos.e2e;

import dev.llmos.action.testkit.TestUsers;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.protocol.ErrorCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * policy, confirmation, audit and undo end to end: a root daemon, real users alice (in
 * llmos-admins) and bob, and root; real files.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SafetyTest {
    private static DaemonProcess daemon;
    private static TestUsers.User alice;
    private static TestUsers.User bob;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(TestUsers.isRoot(), "creating users and a root daemon needs root");
        TestUsers.ensureGroup("llmos-admins");
        alice = TestUsers.ensure("llmos-alice");
        Run.of(List.of("usermod", "-aG", "llmos-admins", "llmos-alice"));
        bob = TestUsers.ensure("llmos-bob");
        daemon = DaemonProcess.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private static Path ownedBy(TestUsers.User user, Path file, String content) throws Exception {
        Files.writeString(file, content);
        var users = file.getFileSystem().getUserPrincipalLookupService();
        Files.setOwner(file, users.lookupPrincipalByName(user.name()));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        return file;
    }

    @Test
    @Order(1)
    void deletingEtcPasswdIsDeniedForEveryoneAndChangesNothing() throws Exception {
        String before = sha256(Path.of("/etc/passwd"));
        for (TestUsers.User user : new TestUsers.User[] {alice, bob, null}) {
            Run run = daemon.llmsh(user, "--yes", "do", "fs.delete", "path=/etc/passwd");
            assertEquals(3, run.exit(), run.toString());
            assertTrue(run.err().contains("denied"), run.err());
        }
        assertEquals(before, sha256(Path.of("/etc/passwd")));
        Run check = daemon.llmsh(bob, "policy", "check", "fs.delete", "path=/etc/passwd");
        assertEquals(0, check.exit(), check.toString());
        assertTrue(check.out().startsWith("decision: deny"), check.out());
    }

    @Test
    @Order(2)
    void aSymlinkIntoAProtectedFileIsDecidedOnWhatItNames() throws Exception {
        Path link = Path.of(bob.home(), "innocent-link");
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, Path.of("/etc/passwd"));
        String before = sha256(Path.of("/etc/passwd"));
        // writing through the link is decided on what it names: /etc/passwd, denied
        Run write = daemon.llmsh(bob, "--yes", "do", "fs.write", "path=" + link, "content=owned", "mode=overwrite");
        assertEquals(3, write.exit(), write.toString());
        assertEquals(before, sha256(Path.of("/etc/passwd")));
        assertTrue(Files.isSymbolicLink(link));
        // deleting it removes the link itself, which is bob's: asked, done, and /etc/passwd untouched
        Run delete = daemon.llmsh(bob, "--yes", "do", "fs.delete", "path=" + link);
        assertEquals(0, delete.exit(), delete.toString());
        assertFalse(Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertEquals(before, sha256(Path.of("/etc/passwd")));
    }

    @Test
    @Order(3)
    void bobsOwnDeleteIsAskedThenDoneWithYesThenUndoneByteIdentical() throws Exception {
        Path file = ownedBy(bob, Path.of(bob.home(), "report.txt"), "quarterly numbers\n\u00e9\u00e8\n");
        byte[] original = Files.readAllBytes(file);
        String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(file));

        Run asked = daemon.llmsh(bob, "do", "fs.delete", "path=" + file);
        assertEquals(5, asked.exit(), asked.toString());
        assertTrue(Files.exists(file), "nothing changes without confirmation");

        Run done = daemon.llmsh(bob, "--json", "--yes", "do", "fs.delete", "path=" + file);
        assertEquals(0, done.exit(), done.toString());
        JsonNode result = done.json();
        assertTrue(result.at("/undo/available").asBoolean(), result.toString());
        assertFalse(Files.exists(file));

        Run undone = daemon.llmsh(bob, "--yes", "undo", result.get("txid").asText());
        assertEquals(0, undone.exit(), undone.toString());
        assertArrayEquals(original, Files.readAllBytes(file));
        assertEquals(mode, PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(bob.name(), Files.getOwner(file).getName());

        Run again = daemon.llmsh(bob, "--yes", "undo", result.get("txid").asText());
        assertEquals(1, again.exit(), "an undo applies once: " + again);
    }

    @Test
    @Order(4)
    void aConfirmationTokenCoversExactlyWhatWasPreviewedOnce() throws Exception {
        Path target = Files.createTempDirectory("llmos-confirm").resolve("note.txt");
        try (RpcClient client = daemon.connect()) {
            String request = "{\"action\":\"fs.write\",\"params\":{\"path\":\"" + target + "\",\"content\":\"hi\",\"mode\":\"overwrite\"}";
            JsonNode asked = client.call("action.execute", RpcClient.params(request + "}"));
            assertEquals(ErrorCodes.CONFIRMATION_REQUIRED, asked.at("/error/code").asInt(), asked.toString());
            String token = asked.at("/error/data/confirm").asText();
            assertEquals("fs.write", asked.at("/error/data/preview/action").asText());

            String changed = "{\"action\":\"fs.write\",\"params\":{\"path\":\"" + target + "\",\"content\":\"HI\",\"mode\":\"overwrite\"},\"confirm\":\"" + token + "\"}";
            JsonNode refused = client.call("action.execute", RpcClient.params(changed));
            assertEquals(ErrorCodes.CONFIRMATION_REQUIRED, refused.at("/error/code").asInt());
            assertFalse(Files.exists(target), "a token for other params changes nothing");

            // the refused attempt spent nothing: a fresh preview gives a fresh token for the original request
            JsonNode again = client.call("action.execute", RpcClient.params(request + "}"));
            String fresh = again.at("/error/data/confirm").asText();
            assertNotEquals(token, fresh);
            JsonNode done = client.call("action.execute", RpcClient.params(request + ",\"confirm\":\"" + fresh + "\"}"));
            assertEquals("ok", done.at("/result/status").asText(), done.toString());
            assertEquals("hi", Files.readString(target));

            JsonNode reused = client.call("action.execute", RpcClient.params(request + ",\"confirm\":\"" + fresh + "\"}"));
            assertEquals(ErrorCodes.CONFIRMATION_REQUIRED, reused.at("/error/code").asInt(), "a token is single-use");
        }
    }

    @Test
    @Order(5)
    void everyDecisionIsAuditedAndTamperingIsDetected() throws Exception {
        Run mine = daemon.llmsh(bob, "--json", "audit", "tail", "-n", "100");
        assertEquals(0, mine.exit(), mine.toString());
        JsonNode records = mine.json().get("records");
        assertTrue(records.size() > 0);
        boolean sawDenial = false;
        for (JsonNode record : records) {
            assertEquals(bob.uid(), record.at("/caller/uid").asInt(), "bob sees only his own records");
            sawDenial |= record.get("decision").asText().equals("deny") && record.get("action").asText().equals("fs.delete");
        }
        assertTrue(sawDenial, records.toString());

        Run verify = daemon.llmsh(null, "audit", "verify");
        assertEquals(0, verify.exit(), verify.toString());

        Path log;
        try (var files = Files.list(daemon.dir.resolve("state").resolve("audit"))) {
            log = files.filter(p -> p.getFileName().toString().endsWith(".jsonl")).sorted().findFirst().orElseThrow();
        }
        String text = Files.readString(log);
        Files.writeString(log, text.replaceFirst("\"decision\":\"deny\"", "\"decision\":\"allow\""));
        Run broken = daemon.llmsh(null, "audit", "verify");
        assertEquals(1, broken.exit(), broken.toString());
        Files.writeString(log, text);
        assertEquals(0, daemon.llmsh(null, "audit", "verify").exit());
    }
}
