package dev.llmos.e2e;

import dev.llmos.action.testkit.TestUsers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.posix.Posix;
import dev.llmos.protocol.ErrorCodes;
import dev.llmos.protocol.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * one user cannot take the daemon from the others (issue 10, item 6), tried by real users against a
 * root daemon with small limits from its configuration file: holding connections, flooding
 * confirmation tokens, running many actions at once, filling the audit log with requests that
 * change nothing. each attack runs in a bounded loop; afterwards the victim is still served and
 * what it had (its token, its audit budget, its connections) is intact.
 */
class PerUserLimitsTest {
    private static final int PER_USER = 8;
    private static final int RESERVED = 8;
    private static final int RUNS = 3;
    private static final int TOKENS = 16;
    private static final int AUDIT_BYTES = 65536;
    private static final int AUDIT_ALL_BYTES = 262144;

    private static DaemonProcess daemon;
    private static Path dir;
    private static Path config;
    private static TestUsers.User hogA;
    private static TestUsers.User hogB;
    private static TestUsers.User victim;
    private static TestUsers.User flooder;
    private static TestUsers.User runner;
    private static TestUsers.User writer;
    private static TestUsers.User reader;
    private static TestUsers.User revoker;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(TestUsers.isRoot(), "real users and a root daemon need root");
        dir = Distribution.publicTempDir("llmos-e2e-limits");
        config = dir.resolve("llm-osd.toml");
        Files.writeString(config, """
                [limits]
                max_connections = 24
                connections_per_user = %d
                reserved_connections = %d
                runs_per_user = %d
                tokens_per_user = %d
                audit_params_max_bytes = 1024
                audit_unconfirmed_bytes = %d
                audit_bytes = %d
                audit_window_s = 3600
                """.formatted(PER_USER, RESERVED, RUNS, TOKENS, AUDIT_BYTES, AUDIT_ALL_BYTES));
        Path policy = dir.resolve("policy.toml");
        Files.writeString(policy, """
                [[rule]]
                id = "limits-run"
                actions = ["proc.run"]
                users = ["llmos-lim-run", "llmos-lim-victim"]
                decision = "allow"
                reason = "the limits test runs programs without asking"
                """);
        hogA = TestUsers.ensure("llmos-lim-hog1");
        hogB = TestUsers.ensure("llmos-lim-hog2");
        victim = TestUsers.ensure("llmos-lim-victim");
        flooder = TestUsers.ensure("llmos-lim-flood");
        runner = TestUsers.ensure("llmos-lim-run");
        writer = TestUsers.ensure("llmos-lim-audit");
        reader = TestUsers.ensure("llmos-lim-reads");
        revoker = TestUsers.ensure("llmos-lim-lease");
        daemon = DaemonProcess.startIn(dir, "--config", config.toString(), "--policy", policy.toString());
    }

    @AfterAll
    static void stop() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
    }

    private static String execute(String action, String params) {
        return "\"method\":\"action.execute\",\"params\":{\"action\":\"" + action + "\",\"params\":" + params + "}}";
    }

    private static String confirmed(String action, String params, String token) {
        return "\"method\":\"action.execute\",\"params\":{\"action\":\"" + action + "\",\"params\":" + params
                + ",\"confirm\":\"" + token + "\"}}";
    }

    private static void assertLimit(JsonNode reply, String limit) {
        assertEquals(ErrorCodes.BUSY, reply.at("/error/code").asInt(), reply.toString());
        assertEquals(limit, reply.at("/error/data/limit").asText(), reply.toString());
        assertEquals(config.toString(), reply.at("/error/data/config").asText());
        assertTrue(reply.at("/error/message").asText().contains("(limit " + limit + " = "), reply.toString());
    }

    private static long count(List<JsonNode> replies, int code) {
        return replies.stream().filter(reply -> reply.at("/error/code").asInt() == code).count();
    }

    /** the victim is still served: its own status, through llmsh, within a few seconds. */
    private static void assertVictimServed() throws Exception {
        Run status = daemon.llmsh(victim, "--json", "status");
        assertEquals(0, status.exit(), status.toString());
        assertEquals(victim.uid(), status.json().at("/caller/uid").asInt());
    }

    @Test
    void usersHoldingConnectionsCannotLockOutOthersAndRootAndSystemUsersKeepTheirRoom() throws Exception {
        try (AsUser.Held first = AsUser.hold(hogA, daemon.socket, 40)) {
            assertEquals(PER_USER, first.accepted(), first.replies.toString());
            assertEquals(40 - PER_USER, first.refused().size());
            first.refused().forEach(reply -> assertLimit(reply, "connections_per_user"));
            assertVictimServed();
            try (AsUser.Held second = AsUser.hold(hogB, daemon.socket, 40)) {
                assertEquals(PER_USER, second.accepted());
                // the ordinary users' share (24 - 8 reserved) is now taken by the two hogs
                Run refused = daemon.llmsh(victim, "--json", "status");
                assertEquals(4, refused.exit(), refused.toString());
                // llmsh --json prints the error object itself
                JsonNode error = Json.MAPPER.createObjectNode().set("error", refused.json());
                assertLimit(error, "reserved_connections");
                try (RpcClient root = daemon.connect()) {
                    assertEquals(true, root.call("system.ping", null).at("/result/pong").asBoolean());
                }
                TestUsers.User system = systemUser();
                try (AsUser.Held service = AsUser.hold(system, daemon.socket, 2)) {
                    assertEquals(2, service.accepted(), "a system user (uid " + system.uid() + ") gets in: "
                            + service.replies);
                }
            }
        }
        awaitVictimServed();
    }

    private static TestUsers.User systemUser() {
        Posix.Passwd passwd = Stream.of("daemon", "bin", "www-data").map(Posix::passwd)
                .flatMap(java.util.Optional::stream).findFirst().orElseThrow();
        return new TestUsers.User(passwd.name(), passwd.uid(), passwd.gid(), passwd.home());
    }

    /** closed connections are released as the daemon reads their end: poll for it. */
    private static void awaitVictimServed() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        Run status;
        do {
            status = daemon.llmsh(victim, "status");
        } while (status.exit() != 0 && System.nanoTime() < deadline);
        assertEquals(0, status.exit(), status.toString());
    }

    @Test
    void aTokenFloodDropsOnlyTheFloodersOwnTokens() throws Exception {
        Path target = Path.of(victim.home(), "limits-token.txt");
        Files.deleteIfExists(target);
        String params = "{\"path\":\"" + target + "\",\"content\":\"mine\"}";
        JsonNode asked = AsUser.send(victim, daemon.socket, 1, 1, execute("fs.write", params)).getFirst();
        assertEquals(ErrorCodes.CONFIRMATION_REQUIRED, asked.at("/error/code").asInt(), asked.toString());
        String token = asked.at("/error/data/confirm").asText();

        List<JsonNode> flood = AsUser.ask(flooder, daemon.socket, 1, 300, execute("fs.write",
                "{\"path\":\"" + Path.of(flooder.home(), "flood.txt") + "\",\"content\":\"x\"}"));
        List<String> floodTokens = flood.stream().filter(reply -> reply.at("/error/code").asInt()
                == ErrorCodes.CONFIRMATION_REQUIRED).map(reply -> reply.at("/error/data/confirm").asText()).toList();
        assertTrue(floodTokens.size() > 4 * TOKENS, "the flood got " + floodTokens.size() + " tokens");
        // the rest was refused once the flooder's audit budget was spent (its own, not the victim's)
        flood.stream().filter(reply -> reply.has("error") && reply.at("/error/code").asInt() == ErrorCodes.BUSY)
                .forEach(reply -> assertLimit(reply, "audit_unconfirmed_bytes"));

        JsonNode redeemed = AsUser.send(victim, daemon.socket, 1, 1, confirmed("fs.write", params, token)).getFirst();
        assertEquals("ok", redeemed.at("/result/status").asText(), redeemed.toString());
        assertEquals("mine", Files.readString(target));
        assertFalse(Files.exists(Path.of(flooder.home(), "flood.txt")), "nothing of the flood ran");
    }

    @Test
    void oneUserRunsAtMostItsShareAtOnceAcrossConnectionsWhileOthersRun() throws Exception {
        for (int round = 0; round < 2; round++) {
            Thread victimRun = Thread.ofVirtual().start(() -> {
                try {
                    JsonNode ran = AsUser.send(victim, daemon.socket, 1, 1, execute("proc.run",
                            "{\"argv\":[\"/bin/echo\",\"still here\"]}")).getFirst();
                    assertEquals("still here\n", ran.at("/result/output/stdout").asText(), ran.toString());
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            List<JsonNode> replies = AsUser.send(runner, daemon.socket, 4, 5, execute("proc.run",
                    "{\"argv\":[\"/bin/sleep\",\"3\"],\"timeout_s\":30}"));
            victimRun.join();
            assertEquals(20, replies.size(), replies.toString());
            long ran = replies.stream().filter(reply -> reply.at("/result/status").asText().equals("ok")).count();
            assertEquals(RUNS, ran, "exactly the share ran: " + replies);
            replies.stream().filter(reply -> reply.has("error")).forEach(reply -> assertLimit(reply, "runs_per_user"));
        }
        assertVictimServed();
    }

    @Test
    void requestsThatChangeNothingAddAtMostTheirUsersBudgetToTheAuditLog() throws Exception {
        Path audit = dir.resolve("state/audit");
        long before = directorySize(audit);
        // a program and 255 arguments of 250 characters: each short enough to be kept by itself, 65 kb together
        String argv = "\"/bin/echo\"," + Stream.generate(() -> "\"" + "a".repeat(250) + "\"").limit(255)
                .reduce((a, b) -> a + "," + b).orElseThrow();
        List<JsonNode> flood = AsUser.ask(writer, daemon.socket, 1, 600, execute("proc.run", "{\"argv\":[" + argv + "]}"));
        long refused = count(flood, ErrorCodes.BUSY);
        long recorded = flood.size() - refused;
        assertTrue(refused > flood.size() / 2, "the budget stopped the flood: " + recorded + " recorded, " + refused
                + " refused: " + flood.getFirst());
        flood.stream().filter(reply -> reply.at("/error/code").asInt() == ErrorCodes.BUSY)
                .forEach(reply -> {
                    assertLimit(reply, "audit_unconfirmed_bytes");
                    assertTrue(reply.at("/error/data/retry_after_s").asLong() > 0, reply.toString());
                });
        long grown = directorySize(audit) - before;
        assertTrue(grown <= AUDIT_BYTES + 4096, "the log grew by " + grown + " bytes for " + recorded + " records");

        try (RpcClient root = daemon.connect()) {
            JsonNode records = root.call("audit.tail", RpcClient.params("{\"limit\":5}")).at("/result/records");
            JsonNode last = null;
            for (JsonNode record : records) {
                if (record.at("/caller/uid").asInt() == writer.uid()) {
                    last = record;
                }
            }
            assertTrue(last != null, records.toString());
            assertTrue(last.at("/params/size").asLong() > 60_000, last.toString());
            assertEquals(64, last.at("/params/sha256").asText().length(), last.toString());
            assertTrue(root.call("audit.verify", null).at("/result/ok").asBoolean());
        }
        // the victim's budget is its own: its requests that need confirmation are still recorded and answered
        JsonNode asked = AsUser.send(victim, daemon.socket, 1, 1, execute("fs.write",
                "{\"path\":\"" + Path.of(victim.home(), "limits-audit.txt") + "\",\"content\":\"x\"}")).getFirst();
        assertEquals(ErrorCodes.CONFIRMATION_REQUIRED, asked.at("/error/code").asInt(), asked.toString());
    }

    @Test
    void floodsOfAllowedReadsAndEmptyLeaseRevokesAreBoundedByTheirUsersBudgets() throws Exception {
        Path audit = dir.resolve("state/audit");
        long before = directorySize(audit);
        List<JsonNode> revokes = AsUser.ask(revoker, daemon.socket, 1, 400, "\"method\":\"lease.revoke\",\"params\":{}}");
        long revoked = revokes.stream().filter(reply -> reply.has("result")).count();
        assertTrue(revoked < 400 && revoked > 10, revoked + " empty revokes were recorded");
        revokes.stream().filter(reply -> reply.has("error")).forEach(reply -> assertLimit(reply, "audit_unconfirmed_bytes"));
        long afterRevokes = directorySize(audit) - before;
        assertTrue(afterRevokes <= AUDIT_BYTES + 4096, "empty revokes added " + afterRevokes + " bytes");

        // reads that run are allowed and audited; together they stop at the larger budget (a spent
        // budget refuses all of its user's audited requests, which is why this is another user)
        List<JsonNode> reads = AsUser.ask(reader, daemon.socket, 1, 2000, execute("fs.stat", "{\"path\":\"/tmp\"}"));
        long ran = reads.stream().filter(reply -> reply.at("/result/status").asText().equals("ok")).count();
        assertTrue(ran > 100 && ran < 2000, ran + " reads ran");
        reads.stream().filter(reply -> reply.has("error")).forEach(reply -> assertLimit(reply, "audit_bytes"));
        long grown = directorySize(audit) - before;
        assertTrue(grown <= AUDIT_ALL_BYTES + AUDIT_BYTES + 8192, "the reader added " + grown + " bytes");
        assertVictimServed();
        JsonNode victimRead = AsUser.send(victim, daemon.socket, 1, 1, execute("fs.stat", "{\"path\":\"/tmp\"}")).getFirst();
        assertEquals("ok", victimRead.at("/result/status").asText(), victimRead.toString());
    }

    @Test
    void statusShowsACallerOnlyItsOwnExecutorsAndItsOwnUsage() throws Exception {
        assertEquals(0, daemon.llmsh(victim, "do", "sys.info").exit());
        Run asHog = daemon.llmsh(hogA, "--json", "status");
        assertEquals(0, asHog.exit(), asHog.toString());
        JsonNode status = asHog.json();
        for (JsonNode executor : status.get("executors")) {
            assertEquals(hogA.uid(), executor.get("uid").asInt(), "another user's executor is shown: " + status);
        }
        assertFalse(status.get("executors").toString().contains("\"uid\":" + victim.uid()), status.toString());
        assertEquals(PER_USER, status.at("/limits/connections/limit").asInt(), status.toString());
        assertTrue(status.at("/limits/connections/used").asInt() >= 1, status.toString());
        assertEquals(RUNS, status.at("/limits/runs/limit").asInt());
        try (RpcClient root = daemon.connect()) {
            JsonNode executors = root.call("system.status", null).at("/result/executors");
            assertTrue(executors.toString().contains("\"uid\":" + victim.uid()), "root sees them all: " + executors);
        }
    }

    private static long directorySize(Path directory) throws Exception {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
        }
    }
}
