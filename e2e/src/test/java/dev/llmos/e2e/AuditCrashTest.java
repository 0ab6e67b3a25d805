package dev.llmos.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.llmtest.ScriptedChatServer;
import dev.llmos.llmtest.ScriptedChatServer.Reply;
import dev.llmos.protocol.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of the daemon in the middle of a burst of writes from many clients, of reads from others and of
 * loop turns from others still (a scripted model on this machine): after a restart on the same state
 * directory the audit chain verifies, and every write, read and turn a client saw acknowledged is in it (a
 * write's record is durable before the reply; a read's and a turn's, unsynced, are written to the kernel
 * before it, which a killed process cannot lose).
 */
class AuditCrashTest {
    private static final int CLIENTS = 16;
    private static final int LOOPS = 4;
    private static final int READERS = 4;

    @Test
    void aKilledDaemonLeavesAChainThatVerifiesWithEveryAcknowledgedWrite() throws Exception {
        Path dir = Distribution.publicTempDir("llmos-e2e-crash");
        Path scratch = Files.createDirectories(dir.resolve("scratch"));
        Path policy = dir.resolve("policy.toml");
        Files.writeString(policy, """
                [[rule]]
                id = "crash-test-writes"
                actions = ["fs.write"]
                paths = ["%s"]
                decision = "allow"
                reason = "the crash test writes here without asking"
                """.formatted(scratch));
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Set<String> turns = ConcurrentHashMap.newKeySet();
        Set<String> reads = ConcurrentHashMap.newKeySet();
        Set<String> broken = ConcurrentHashMap.newKeySet();
        CountDownLatch started = new CountDownLatch(CLIENTS * 5);
        CountDownLatch turning = new CountDownLatch(LOOPS * 5);
        CountDownLatch reading = new CountDownLatch(READERS * 5);
        ScriptedChatServer model = ScriptedChatServer.start("crash");
        model.otherwise((request, index) -> Reply.call("sys-info", "{}"));
        Path config = dir.resolve("planner.toml");
        Files.writeString(config, "[local]\nendpoint = \"" + model.endpoint() + "\"\nmodel = \"crash\"\n");
        DaemonProcess daemon = DaemonProcess.startIn(dir, "--policy", policy.toString(), "--config", config.toString());
        Thread[] clients = new Thread[CLIENTS + LOOPS + READERS];
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            clients[c] = burst(daemon, "action.execute", i -> {
                ObjectNode params = Json.MAPPER.createObjectNode().put("action", "fs.write");
                params.putObject("params").put("path", scratch.resolve("c" + client + "-" + i).toString())
                        .put("content", "write " + i + " of client " + client);
                return params;
            }, acknowledged, started, broken);
        }
        for (int c = CLIENTS; c < CLIENTS + LOOPS; c++) {
            int client = c;
            clients[c] = burst(daemon, "loop.turn", i -> {
                ObjectNode params = Json.MAPPER.createObjectNode().put("request", "turn " + i + " of " + client);
                params.putArray("turns");
                return params;
            }, turns, turning, broken);
        }
        for (int c = CLIENTS + LOOPS; c < clients.length; c++) {
            clients[c] = burst(daemon, "action.execute", i -> {
                ObjectNode params = Json.MAPPER.createObjectNode().put("action", "fs.stat");
                params.putObject("params").put("path", scratch.toString());
                return params;
            }, reads, reading, broken);
        }
        assertTrue(started.await(60, TimeUnit.SECONDS), "the burst did not get going");
        assertTrue(reading.await(60, TimeUnit.SECONDS), "the reads did not get going");
        assertTrue(turning.await(60, TimeUnit.SECONDS), "the loop turns did not get going");
        daemon.process.destroyForcibly().waitFor();
        model.close();
        for (Thread client : clients) {
            client.join(TimeUnit.SECONDS.toMillis(10));
        }
        assertEquals(Set.of(), broken, "every write, read and turn before the kill succeeded");

        try (DaemonProcess restarted = DaemonProcess.startIn(dir, "--policy", policy.toString(), "--config",
                config.toString())) {
            Run verify = restarted.llmsh(null, "--json", "audit", "verify");
            assertEquals(0, verify.exit(), verify + "\n" + restarted.logText());
            assertTrue(verify.json().path("ok").asBoolean(), verify.toString());
            Run tail = restarted.llmsh(null, "--json", "audit", "tail", "-n", "10000");
            assertEquals(0, tail.exit(), tail.toString());
            Set<String> recorded = new HashSet<>();
            tail.json().path("records").forEach(r -> recorded.add(r.path("txid").asText()));
            Set<String> missing = new HashSet<>(acknowledged);
            missing.removeAll(recorded);
            assertTrue(missing.isEmpty(), missing.size() + " acknowledged writes are not in the audit log, of "
                    + acknowledged.size());
            assertTrue(acknowledged.size() >= CLIENTS * 5, "acknowledged " + acknowledged.size());
            Set<String> lostTurns = new HashSet<>(turns);
            lostTurns.removeAll(recorded);
            assertTrue(lostTurns.isEmpty(), lostTurns.size() + " acknowledged loop turns are not in the audit log, of "
                    + turns.size());
            assertTrue(turns.size() >= LOOPS * 5, "acknowledged turns " + turns.size());
            Set<String> lostReads = new HashSet<>(reads);
            lostReads.removeAll(recorded);
            assertTrue(lostReads.isEmpty(), lostReads.size() + " acknowledged reads are not in the audit log, of "
                    + reads.size());
            assertTrue(reads.size() >= READERS * 5, "acknowledged reads " + reads.size());
        }
    }

    /**
     * a client that calls {@code method} with the params of call 0, 1, 2... until the daemon goes away, adding
     * each acknowledged txid to {@code acknowledged} (and counting {@code going} down) and any error to
     * {@code broken}.
     */
    private static Thread burst(DaemonProcess daemon, String method, IntFunction<ObjectNode> params,
            Set<String> acknowledged, CountDownLatch going, Set<String> broken) {
        return Thread.ofVirtual().start(() -> {
            try (RpcClient rpc = daemon.connect()) {
                for (int i = 0; ; i++) {
                    JsonNode reply = rpc.call(method, params.apply(i));
                    if (reply.has("result")) {
                        acknowledged.add(reply.at("/result/txid").asText());
                        going.countDown();
                    } else {
                        broken.add(reply.toString());
                    }
                }
            } catch (IOException e) {
                // the daemon was killed: the connection ends mid-burst, as intended
            }
        });
    }
}
