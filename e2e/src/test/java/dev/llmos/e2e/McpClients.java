package dev.llmos.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmos.action.testkit.TestUsers;
import dev.llmos.mcp.SchemaValidator;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/** the official java sdk's own client, talking to {@code llmsh mcp} as a real process. */
final class McpClients {
    static final McpJsonMapper JSON = new JacksonMcpJsonMapper(new ObjectMapper());

    private McpClients() {
    }

    /** what a client saw besides answers: log messages, progress, tool list changes. */
    static final class Seen {
        final List<McpSchema.LoggingMessageNotification> logs = new CopyOnWriteArrayList<>();
        final List<McpSchema.ProgressNotification> progress = new CopyOnWriteArrayList<>();
        final List<List<McpSchema.Tool>> toolLists = new CopyOnWriteArrayList<>();
    }

    /**
     * a transport that remembers the request id of every {@code tools/call} it sends, so that a
     * test can cancel one the way a client does ({@code notifications/cancelled}); the sdk's
     * client has no call for that.
     */
    static final class Cancelling implements McpClientTransport {
        private final McpClientTransport transport;
        final List<Object> toolCalls = new CopyOnWriteArrayList<>();

        Cancelling(McpClientTransport transport) {
            this.transport = transport;
        }

        void cancel(Object requestId) {
            transport.sendMessage(new McpSchema.JSONRPCNotification(McpSchema.JSONRPC_VERSION, "notifications/cancelled",
                    Map.of("requestId", requestId, "reason", "the test cancels"))).block();
        }

        @Override
        public Mono<Void> connect(Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
            return transport.connect(handler);
        }

        @Override
        public void setExceptionHandler(Consumer<Throwable> handler) {
            transport.setExceptionHandler(handler);
        }

        @Override
        public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
            if (message instanceof McpSchema.JSONRPCRequest request && request.method().equals(McpSchema.METHOD_TOOLS_CALL)) {
                toolCalls.add(request.id());
            }
            return transport.sendMessage(message);
        }

        @Override
        public Mono<Void> closeGracefully() {
            return transport.closeGracefully();
        }

        @Override
        public <T> T unmarshalFrom(Object data, TypeRef<T> type) {
            return transport.unmarshalFrom(data, type);
        }

        @Override
        public List<String> protocolVersions() {
            return transport.protocolVersions();
        }
    }

    /** a transport that starts {@code llmsh mcp} on stdio as {@code user} (root when null). */
    static Cancelling stdio(DaemonProcess daemon, TestUsers.User user) {
        List<String> argv = Distribution.llmsh("--socket", daemon.socket.toString(), "--no-autostart", "mcp");
        List<String> command = user == null ? argv : Run.as(user, argv);
        ServerParameters parameters = ServerParameters.builder(command.getFirst())
                .args(new ArrayList<>(command.subList(1, command.size()))).build();
        return new Cancelling(new StdioClientTransport(parameters, JSON));
    }

    /** a transport to a streamable http endpoint, presenting {@code token} (none when null). */
    static McpClientTransport http(String url, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClientStreamableHttpTransport.builder(url.substring(0, url.indexOf("/mcp"))).endpoint("/mcp")
                .jsonMapper(JSON).requestBuilder(request).build();
    }

    /**
     * an initialized client on {@code transport}; with {@code elicitation} non-null it declares the
     * capability and answers with it.
     */
    static McpSyncClient connect(McpClientTransport transport, Seen seen,
            Function<McpSchema.ElicitFormRequest, McpSchema.ElicitResult> elicitation) {
        McpClient.SyncSpec spec = McpClient.sync(transport)
                .requestTimeout(Duration.ofSeconds(120))
                .initializationTimeout(Duration.ofSeconds(60))
                .jsonSchemaValidator(new SchemaValidator())
                .loggingConsumer(seen.logs::add)
                .progressConsumer(seen.progress::add)
                .toolsChangeConsumer(seen.toolLists::add);
        if (elicitation != null) {
            spec.capabilities(McpSchema.ClientCapabilities.builder().elicitation().build()).elicitation(elicitation);
        }
        McpSyncClient client = spec.build();
        client.initialize();
        client.setLoggingLevel(McpSchema.LoggingLevel.DEBUG);
        return client;
    }
}
