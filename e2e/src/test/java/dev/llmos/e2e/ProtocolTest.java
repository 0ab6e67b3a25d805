package dev.llmos.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.protocol.ErrorCodes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** the wire protocol against one real daemon: every error path, and the daemon still serving after each. */
class ProtocolTest {
    private static DaemonProcess daemon;

    @BeforeAll
    static void start() throws Exception {
        daemon = DaemonProcess.start();
    }

    @AfterAll
    static void stop() throws Exception {
        daemon.close();
    }

    private static void assertStillServing() throws IOException {
        try (RpcClient fresh = daemon.connect()) {
            assertTrue(fresh.call("system.ping", null).at("/result/pong").asBoolean());
        }
    }

    @Test
    void pingAndStatusNameTheCaller() throws IOException {
        try (RpcClient client = daemon.connect()) {
            assertEquals("{\"pong\":true}", client.call("system.ping", null).get("result").toString());
            JsonNode status = client.call("system.status", null).get("result");
            assertEquals(0, status.at("/caller/uid").asInt());
            assertEquals("root", status.at("/caller/user").asText());
            assertEquals(ProcessHandle.current().pid(), status.at("/caller/pid").asLong());
            assertEquals(daemon.process.pid(), status.get("pid").asLong());
            assertEquals("bound", status.get("activation").asText());
        }
    }

    @Test
    void malformedLineGetsParseErrorAndTheConnectionStaysUsable() throws IOException {
        try (RpcClient client = daemon.connect()) {
            client.sendLine("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":");
            JsonNode error = client.read();
            assertEquals(ErrorCodes.PARSE_ERROR, error.at("/error/code").asInt());
            assertTrue(error.get("id").isNull());
            client.sendLine("\u0000\u0001garbage");
            assertEquals(ErrorCodes.PARSE_ERROR, client.read().at("/error/code").asInt());
            assertTrue(client.call("system.ping", null).at("/result/pong").asBoolean());
        }
    }

    @Test
    void oversizedFrameIsRefusedAndClosedWhileOthersAreServed() throws IOException {
        try (RpcClient other = daemon.connect(); RpcClient client = daemon.connect()) {
            byte[] huge = new byte[(1 << 20) + 10];
            java.util.Arrays.fill(huge, (byte) 'a');
            huge[huge.length - 1] = '\n';
            try {
                client.sendRaw(huge);
            } catch (IOException e) {
                // the daemon may close before the whole frame is written
            }
            JsonNode error = client.read();
            assertEquals(ErrorCodes.INVALID_REQUEST, error.at("/error/code").asInt());
            assertTrue(error.at("/error/message").asText().contains("exceeds"));
            assertNull(client.read(), "the connection is closed after an oversized frame");
            assertTrue(other.call("system.ping", null).at("/result/pong").asBoolean());
        }
        assertStillServing();
    }

    @Test
    void aFrameOfJustUnderOneMebibyteIsAccepted() throws IOException {
        try (RpcClient client = daemon.connect()) {
            String padding = "x".repeat((1 << 20) - 200);
            client.sendLine("{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"action.execute\",\"params\":{\"action\":\"fs.stat\","
                    + "\"params\":{\"path\":\"/" + padding + "\"}}}");
            JsonNode reply = client.read();
            assertEquals(9, reply.get("id").asInt());
            // the path is over the schema's bound: rejected by validation, not by framing
            assertEquals(ErrorCodes.INVALID_PARAMS, reply.at("/error/code").asInt());
            assertEquals("/params/params/path", reply.at("/error/data/pointer").asText());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unknown envelope member | {\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"system.ping\",\"x\":1}                 | -32600 | /x",
        "bad jsonrpc version     | {\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"system.ping\"}                       | -32600 | /jsonrpc",
        "batch                   | [{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"system.ping\"}]                      | -32600 | ",
        "unknown method          | {\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"system.reboot\"}                     | -32601 | ",
        "params on ping          | {\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"system.ping\",\"params\":{\"a\":1}}     | -32602 | /params/a",
        "unknown action          | {\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"action.execute\",\"params\":{\"action\":\"fs.nuke\",\"params\":{}}} | -32602 | /params/action",
        "hallucinated field      | {\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"action.execute\",\"params\":{\"action\":\"fs.list\",\"params\":{\"path\":\"/\",\"recursive\":true}}} | -32602 | /params/params/recursive",
        "missing field           | {\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"action.execute\",\"params\":{\"action\":\"fs.list\",\"params\":{}}} | -32602 | /params/params/path",
        "wrong type              | {\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"action.execute\",\"params\":{\"action\":\"fs.list\",\"params\":{\"path\":\"/\",\"limit\":\"5\"}}} | -32602 | /params/params/limit",
        "missing params object   | {\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"action.execute\",\"params\":{\"action\":\"fs.list\"}} | -32602 | /params/params",
        "mistyped dry_run        | {\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"action.execute\",\"params\":{\"action\":\"fs.list\",\"params\":{\"path\":\"/\"},\"dry_run\":\"yes\"}} | -32602 | /params/dry_run",
    })
    void badRequestsGetTheirCodeAndPointer(String name, String frame, int code, String pointer) throws IOException {
        try (RpcClient client = daemon.connect()) {
            client.sendLine(frame);
            JsonNode reply = client.read();
            assertEquals(code, reply.at("/error/code").asInt(), reply.toString());
            if (pointer != null) {
                assertEquals(pointer, reply.at("/error/data/pointer").asText(), reply.toString());
            }
            assertTrue(client.call("system.ping", null).at("/result/pong").asBoolean());
        }
    }

    @Test
    void notificationsGetNoAnswer() throws IOException {
        try (RpcClient client = daemon.connect()) {
            client.sendLine("{\"jsonrpc\":\"2.0\",\"method\":\"system.ping\"}");
            client.sendLine("{\"jsonrpc\":\"2.0\",\"id\":\"after\",\"method\":\"system.ping\"}");
            assertEquals("after", client.read().get("id").asText());
        }
    }

    @Test
    void executesAReadActionAndADryRun() throws IOException {
        try (RpcClient client = daemon.connect()) {
            JsonNode result = client.call("action.execute", RpcClient.params(
                    "{\"action\":\"fs.stat\",\"params\":{\"path\":\"/etc/hostname\"}}")).get("result");
            assertEquals("ok", result.get("status").asText());
            assertEquals("fs.stat", result.get("action").asText());
            assertTrue(result.get("txid").asText().startsWith("tx-"));
            assertFalse(result.at("/undo/available").asBoolean());
            JsonNode dry = client.call("action.execute", RpcClient.params(
                    "{\"action\":\"fs.list\",\"params\":{\"path\":\"/\"},\"dry_run\":true}")).get("result");
            assertEquals("dry_run", dry.get("status").asText());
            assertEquals(200, dry.at("/output/params/limit").asInt(), "defaults are filled in before anything runs");
        }
    }

    @Test
    void actionsListCarriesStrictSchemas() throws IOException {
        try (RpcClient client = daemon.connect()) {
            JsonNode actions = client.call("actions.list", null).at("/result/actions");
            List<String> names = new ArrayList<>();
            for (JsonNode action : actions) {
                names.add(action.get("name").asText());
                assertFalse(action.at("/params_schema/additionalProperties").asBoolean(true), action.toString());
                assertFalse(action.get("description").asText().isBlank());
            }
            assertTrue(names.containsAll(List.of("sys.info", "sys.disk_usage", "fs.list", "fs.stat", "fs.read",
                    "proc.list", "net.interfaces", "net.listening")), names.toString());
        }
    }

    @Test
    void hundredClientsOfHundredCallsEachGetTheirOwnReplies() throws Exception {
        int clients = 100;
        int calls = 100;
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        List<Future<Integer>> results = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int clientNumber = c;
            results.add(pool.submit((Callable<Integer>) () -> {
                int matched = 0;
                try (RpcClient client = daemon.connect()) {
                    for (int i = 0; i < calls; i++) {
                        String id = "c" + clientNumber + "-" + i;
                        String method = i % 10 == 0 ? "system.status" : "system.ping";
                        client.sendLine("{\"jsonrpc\":\"2.0\",\"id\":\"" + id + "\",\"method\":\"" + method + "\"}");
                        JsonNode reply = client.read();
                        assertEquals(id, reply.get("id").asText());
                        assertTrue(reply.has("result"), reply.toString());
                        matched++;
                    }
                }
                return matched;
            }));
        }
        int total = 0;
        for (Future<Integer> result : results) {
            total += result.get();
        }
        pool.shutdown();
        assertEquals(clients * calls, total);
        assertStillServing();
    }

    @Test
    void aSilentClientDoesNotBlockOthers() throws IOException {
        try (RpcClient silent = daemon.connect(); RpcClient halfFrame = daemon.connect()) {
            halfFrame.sendRaw("{\"jsonrpc\":\"2.0\",\"id\":1,".getBytes(StandardCharsets.UTF_8));
            assertStillServing();
            assertTrue(silent.call("system.ping", null).at("/result/pong").asBoolean());
        }
    }
}
