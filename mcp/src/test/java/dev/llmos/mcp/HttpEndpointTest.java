package dev.llmos.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmos.protocol.Json;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * the http endpoint as a browser or a local process meets it, over real sockets: the bearer token
 * first, then the dns rebinding checks (a rebound name arrives in {@code Host} and {@code Origin}), then mcp.
 */
class HttpEndpointTest {
    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";

    @TempDir
    Path dir;
    private HttpEndpoint endpoint;
    private McpSyncServer server;
    private String token;

    /** status, headers (lowercase names) and body of one http/1.1 exchange. */
    private record Reply(int status, Map<String, String> headers, String body) {
    }

    private void start(Listen listen) throws Exception {
        endpoint = HttpEndpoint.bind(listen);
        var transport = HttpEndpoint.transport();
        server = McpServer.sync(transport).serverInfo("llm-os", "test").jsonMapper(McpServe.JSON)
                .jsonSchemaValidator(new SchemaValidator())
                .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build()).build();
        Path file = dir.resolve("token");
        BearerToken bearer = BearerToken.loadOrCreate(file);
        token = Files.readString(file).strip();
        endpoint.serve(transport, bearer, new InboundTap(new InFlight()));
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (endpoint != null) {
            endpoint.close();
        }
    }

    private Reply post(SocketAddress address, Map<String, String> headers, String body) throws IOException {
        try (SocketChannel channel = SocketChannel.open(address)) {
            StringBuilder request = new StringBuilder("POST /mcp HTTP/1.1\r\n");
            headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            request.append("Content-Type: application/json\r\nAccept: application/json, text/event-stream\r\n")
                    .append("Connection: close\r\nContent-Length: ").append(bytes.length).append("\r\n\r\n");
            OutputStream out = Channels.newOutputStream(channel);
            out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
            InputStream in = Channels.newInputStream(channel);
            String[] reply = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\r\n\r\n", 2);
            String[] head = reply[0].split("\r\n");
            Map<String, String> replyHeaders = new LinkedHashMap<>();
            for (int i = 1; i < head.length; i++) {
                String[] header = head[i].split(":", 2);
                replyHeaders.put(header[0].trim().toLowerCase(java.util.Locale.ROOT), header[1].trim());
            }
            return new Reply(Integer.parseInt(head[0].split(" ")[1]), replyHeaders, reply.length > 1 ? reply[1] : "");
        }
    }

    private Map<String, String> headers(String host, String origin, String authorization) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", host);
        if (origin != null) {
            headers.put("Origin", origin);
        }
        if (authorization != null) {
            headers.put("Authorization", authorization);
        }
        return headers;
    }

    @Test
    void onLoopbackTcpOnlyTheTokenHolderFromALocalOriginGetsIn() throws Exception {
        start(Listen.parse("127.0.0.1:0"));
        var address = new InetSocketAddress("127.0.0.1", endpoint.port());
        String self = "127.0.0.1:" + endpoint.port();
        assertEquals(401, post(address, headers(self, null, null), INITIALIZE).status());
        Reply wrong = post(address, headers(self, null, "Bearer " + token.substring(2)), INITIALIZE);
        assertEquals(401, wrong.status());
        assertTrue(wrong.headers().get("www-authenticate").startsWith("Bearer"), wrong.headers().toString());

        String evil = "evil.example.com:" + endpoint.port();
        int rebound = post(address, headers(evil, "http://" + evil, "Bearer " + token), INITIALIZE).status();
        assertTrue(rebound >= 400 && rebound < 500, "a rebound host: " + rebound);
        assertEquals(403, post(address, headers(self, "http://evil.example.com", "Bearer " + token), INITIALIZE).status());
        int named = post(address, headers("llm-os.example.com", null, "Bearer " + token), INITIALIZE).status();
        assertTrue(named >= 400 && named < 500, "a name that is not loopback, without a port: " + named);

        Reply ok = post(address, headers("localhost:" + endpoint.port(), "http://localhost:6274", "Bearer " + token),
                INITIALIZE);
        assertEquals(200, ok.status(), ok.toString());
        assertTrue(ok.headers().containsKey("mcp-session-id"), ok.headers().toString());
        assertEquals("llm-os", Json.parse(ok.body().getBytes(StandardCharsets.UTF_8)).at("/result/serverInfo/name").asText());
    }

    @Test
    void aBodyThatIsNotJsonIsAParseError() throws Exception {
        start(Listen.parse("127.0.0.1:0"));
        Reply reply = post(new InetSocketAddress("127.0.0.1", endpoint.port()),
                headers("127.0.0.1:" + endpoint.port(), null, "Bearer " + token), "{\"jsonrpc\":");
        assertEquals(400, reply.status());
        assertEquals(-32700, Json.parse(reply.body().getBytes(StandardCharsets.UTF_8)).at("/error/code").asInt());
    }

    @Test
    void onAUnixSocketTheSocketIsTheOwnersAndTheTokenIsStillRequired() throws Exception {
        Path socket = dir.resolve("run/llm-os/mcp.sock");
        start(Listen.parse("unix:" + socket));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket.getParent())));
        var address = UnixDomainSocketAddress.of(socket);
        assertEquals(401, post(address, headers("localhost", null, null), INITIALIZE).status());
        assertEquals(403, post(address, headers("localhost", "http://evil.example.com", "Bearer " + token), INITIALIZE)
                .status());
        assertEquals(200, post(address, headers("localhost", null, "Bearer " + token), INITIALIZE).status());
    }

    @Test
    void aSocketLeftByADeadServerIsReplacedButALiveOneIsNot() throws Exception {
        Path socket = dir.resolve("mcp.sock");
        try (var dead = java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            dead.bind(UnixDomainSocketAddress.of(socket));
        }
        assertTrue(Files.exists(socket), "a closed server leaves its socket file behind");
        start(Listen.parse("unix:" + socket));
        assertEquals(401, post(UnixDomainSocketAddress.of(socket), headers("localhost", null, null), INITIALIZE).status());
        IOException busy = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> HttpEndpoint.bind(Listen.parse("unix:" + socket)));
        assertTrue(busy.getMessage().contains("already listens"), busy.getMessage());
    }
}
