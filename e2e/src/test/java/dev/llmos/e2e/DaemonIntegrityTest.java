package dev.llmos.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.action.testkit.TestUsers;
import dev.llmos.protocol.ErrorCodes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * the rest of issue 10, item 7, against a real root daemon whose state, configuration and policy
 * are not in their default places: its own files cannot be written through it, an undo applies
 * exactly once however many race for it, a frame that is not strict utf-8 is refused, and cutting
 * records off the audit log with a rewritten head file is caught through the anchor, also after
 * retention dropped old segments.
 */
class DaemonIntegrityTest {
    private static DaemonProcess daemon;
    private static Path dir;
    private static Path config;
    private static Path policy;
    private static TestUsers.User bystander;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(TestUsers.isRoot(), "a root daemon needs root");
        dir = Distribution.publicTempDir("llmos-e2e-integrity");
        config = dir.resolve("daemon.toml");
        Files.writeString(config, """
                [audit]
                segment_bytes = 8192
                retain_bytes = 16384
                anchor = "file"
                anchor_interval_s = 0
                """);
        policy = dir.resolve("policy.toml");
        Files.writeString(policy, "# no rules: the built-ins\n");
        bystander = TestUsers.ensure("llmos-int-user");
        daemon = start(dir);
    }

    private static DaemonProcess start(Path in) throws Exception {
        return DaemonProcess.startIn(in, "--config", config.toString(), "--policy", policy.toString());
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

    @Test
    void theDaemonsOwnFilesAreProtectedWhereverTheyAre() throws Exception {
        Path state = dir.resolve("state");
        try (RpcClient root = daemon.connect()) {
            root.call("action.execute", RpcClient.params("{\"action\":\"fs.stat\",\"params\":{\"path\":\"/tmp\"}}"));
        }
        Path segment = lastSegment(state.resolve("audit"));
        Map<Path, String> before = new LinkedHashMap<>();
        // the audit files change as the daemon records these very attempts; they are checked below by verify
        for (Path file : List.of(config, policy)) {
            before.put(file, sha256(file));
        }
        List<String[]> attacks = List.of(
                new String[] {"fs.write", "path=" + segment, "content=forged", "mode=append"},
                new String[] {"fs.write", "path=" + state.resolve("audit/audit.head"), "content={}", "mode=overwrite"},
                new String[] {"fs.delete", "path=" + state.resolve("audit")},
                new String[] {"fs.write", "path=" + config, "content=[limits]", "mode=overwrite"},
                new String[] {"fs.chmod", "path=" + policy, "mode=0666"},
                new String[] {"fs.move", "source=" + policy, "destination=" + dir.resolve("moved.toml")},
                new String[] {"fs.write", "path=" + state.resolve("audit.anchor"), "content=x", "mode=overwrite"},
                new String[] {"fs.write", "path=" + dir.resolve("policy.d/99-mine.toml"), "content=x"});
        for (String[] attack : attacks) {
            List<String> args = new ArrayList<>(List.of("--yes", "do"));
            args.addAll(List.of(attack));
            Run run = daemon.llmsh(null, args.toArray(String[]::new));
            assertEquals(3, run.exit(), String.join(" ", attack) + ": " + run);
            assertTrue(run.err().contains("denied"), run.err());
        }
        for (Map.Entry<Path, String> file : before.entrySet()) {
            assertEquals(file.getValue(), sha256(file.getKey()), file.getKey() + " changed");
        }
        assertFalse(Files.exists(dir.resolve("moved.toml")));
        assertFalse(Files.exists(dir.resolve("policy.d/99-mine.toml")));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(policy)));
        for (String line : Files.readAllLines(state.resolve("audit.anchor"))) {
            assertTrue(line.startsWith("{\"dir\":"), "only the daemon's anchor points: " + line);
        }
        // an append to a segment or a rewritten head would break the chain (the attempts themselves are recorded)
        Run verified = daemon.llmsh(null, "audit", "verify");
        assertEquals(0, verified.exit(), verified.toString());
    }

    /**
     * the race that reproduced against main before the claim: the inverse of an 800 kb overwrite
     * checks the file still holds what was written, then writes the old content back; racers that
     * all checked before any wrote all succeeded (up to 7 of 12 in a round).
     */
    @Test
    void concurrentUndosOfOneTxidApplyExactlyOnce() throws Exception {
        String original = "old ".repeat(200_000);
        for (int round = 0; round < 10; round++) {
            Path file = Files.writeString(dir.resolve("undo-" + round + ".txt"), original);
            String txid;
            try (RpcClient root = daemon.connect()) {
                String change = "{\"action\":\"fs.write\",\"params\":{\"path\":\"" + file + "\",\"content\":\""
                        + "new ".repeat(200_000) + "\",\"mode\":\"overwrite\"}";
                JsonNode asked = root.call("action.execute", RpcClient.params(change + "}"));
                JsonNode done = root.call("action.execute", RpcClient.params(change + ",\"confirm\":\""
                        + asked.at("/error/data/confirm").asText() + "\"}"));
                txid = done.at("/result/txid").asText();
                assertTrue(done.at("/result/undo/available").asBoolean(), done.toString());
            }
            int racers = 12;
            List<String> tokens = new ArrayList<>();
            try (RpcClient root = daemon.connect()) {
                for (int i = 0; i < racers; i++) {
                    JsonNode asked = root.call("undo.apply", RpcClient.params("{\"txid\":\"" + txid + "\"}"));
                    assertEquals(ErrorCodes.CONFIRMATION_REQUIRED, asked.at("/error/code").asInt(), asked.toString());
                    tokens.add(asked.at("/error/data/confirm").asText());
                }
            }
            ConcurrentLinkedQueue<JsonNode> answers = new ConcurrentLinkedQueue<>();
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            for (String token : tokens) {
                threads.add(Thread.ofPlatform().start(() -> {
                    try (RpcClient root = daemon.connect()) {
                        go.await();
                        answers.add(root.call("undo.apply", RpcClient.params("{\"txid\":\"" + txid + "\",\"confirm\":\""
                                + token + "\"}")));
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                }));
            }
            go.countDown();
            for (Thread thread : threads) {
                thread.join();
            }
            long applied = answers.stream().filter(answer -> answer.at("/result/status").asText().equals("ok")).count();
            assertEquals(1, applied, "round " + round + ": " + answers.stream().map(a -> a.has("result") ? "ok"
                    : a.at("/error/message").asText()).toList());
            answers.stream().filter(answer -> answer.has("error")).forEach(answer -> assertTrue(
                    answer.at("/error/message").asText().matches(".*(already undone|being undone).*"), answer.toString()));
            assertEquals(original, Files.readString(file));
        }
    }

    @Test
    void framesThatAreNotStrictUtf8AreRefusedAndTheConnectionGoesOn() throws Exception {
        byte[][] sequences = {{(byte) 0xc0, (byte) 0xaf}, {(byte) 0xe0, (byte) 0x80, (byte) 0xaf},
            {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0x80}};
        try (RpcClient root = daemon.connect()) {
            for (byte[] sequence : sequences) {
                byte[] head = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"action.execute\",\"params\":{\"action\":\"fs.read\",\"params\":{\"path\":\"".getBytes(StandardCharsets.US_ASCII);
                byte[] tail = "etc\"}}}\n".getBytes(StandardCharsets.US_ASCII);
                byte[] frame = new byte[head.length + sequence.length + tail.length];
                System.arraycopy(head, 0, frame, 0, head.length);
                System.arraycopy(sequence, 0, frame, head.length, sequence.length);
                System.arraycopy(tail, 0, frame, head.length + sequence.length, tail.length);
                root.sendRaw(frame);
                JsonNode reply = root.read();
                assertEquals(ErrorCodes.PARSE_ERROR, reply.at("/error/code").asInt(), reply.toString());
                assertTrue(reply.at("/error/message").asText().startsWith("invalid utf-8 at byte " + head.length),
                        reply.toString());
                assertTrue(root.call("system.ping", null).at("/result/pong").asBoolean());
            }
        }
        Run other = daemon.llmsh(bystander, "status");
        assertEquals(0, other.exit(), other.toString());
    }

    @Test
    void retentionKeepsAProvableTailAndTruncationWithARewrittenHeadIsCaught() throws Exception {
        Path in = Distribution.publicTempDir("llmos-e2e-anchor");
        Path audit = in.resolve("state/audit");
        long records;
        try (DaemonProcess own = start(in); RpcClient root = own.connect()) {
            // 150 records, and more until the active segment holds two (the attack below cuts one)
            for (int i = 0; i < 150 || Files.readAllLines(lastSegment(audit)).size() < 2; i++) {
                root.call("action.execute", RpcClient.params("{\"action\":\"fs.stat\",\"params\":{\"path\":\"/tmp\"}}"));
            }
            JsonNode verified = root.call("audit.verify", null).get("result");
            assertTrue(verified.get("ok").asBoolean(), verified.toString());
            records = verified.get("records").asLong();
            assertTrue(records >= 150, verified.toString());
            assertTrue(verified.get("retained_from").asLong() > 1, "retention dropped old segments: " + verified);
            assertTrue(verified.get("anchor").asText().startsWith("file " + in.resolve("state/audit.anchor")),
                    verified.toString());
            assertTrue(verified.get("anchor").asText().endsWith(", matches"), verified.toString());
        }
        long kept;
        try (Stream<Path> files = Files.list(audit)) {
            kept = files.filter(p -> p.getFileName().toString().endsWith(".jsonl")).mapToLong(p -> p.toFile().length()).sum();
        }
        assertTrue(kept <= 16384 + 8192, "the log is bounded: " + kept + " bytes");

        // the attack: drop the last record and make the head file agree
        Path last = lastSegment(audit);
        List<String> lines = new ArrayList<>(Files.readAllLines(last));
        String dropped = lines.removeLast();
        String previous = lines.getLast();
        Files.writeString(last, String.join("\n", lines) + "\n");
        JsonNode prev = RpcClient.params(previous);
        String head = "{\"seq\":" + prev.get("seq").asLong() + ",\"hash\":\"" + prev.get("hash").asText() + "\"}";
        Files.writeString(audit.resolve("audit.head"), head + " ".repeat(127 - head.length()) + "\n");
        assertTrue(dropped.contains("\"seq\":" + records));

        try (DaemonProcess own = start(in)) {
            Run verify = own.llmsh(null, "--json", "audit", "verify");
            assertEquals(1, verify.exit(), verify.toString());
            JsonNode result = verify.json();
            assertFalse(result.get("ok").asBoolean());
            assertTrue(result.get("reason").asText().contains("says seq " + records + " was committed: records were"
                    + " removed from the end"), result.toString());
            Run write = own.llmsh(null, "--yes", "do", "fs.write", "path=" + in.resolve("after.txt"), "content=x");
            assertEquals(1, write.exit(), "changes are refused while the log is sealed: " + write);
            assertFalse(Files.exists(in.resolve("after.txt")));
        }
    }

    private static Path lastSegment(Path audit) throws Exception {
        try (Stream<Path> files = Files.list(audit)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".jsonl")).sorted().toList().getLast();
        }
    }
}
