package dev.llmos.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.mcp.SchemaValidator;
import dev.llmos.protocol.FrameReader;
import dev.llmos.protocol.FrameWriter;
import dev.llmos.protocol.Json;
import dev.llmos.protocol.Methods;
import dev.llmos.protocol.Request;
import dev.llmos.protocol.Response;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.net.http.HttpRequest;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * tool-call overhead through mcp: one action called back to back on warm connections, through
 * llm-osd's socket as llmsh calls it (the baseline: a connection, {@code action.execute} framed
 * and decoded with the protocol module, as llmsh's client does), and through {@code llmsh mcp}
 * with the mcp java sdk's client, over stdio and over streamable http. the routes are measured in
 * interleaved rounds (order rotating) so load from other processes hits them alike; each call's
 * answer is checked. reports per-call latency and the ratio of medians to the baseline, and the
 * microseconds mcp adds to a call.
 *
 * <p>arguments: {@code --socket PATH [--action sys.info] [--calls 200] [--rounds 5] [--warmup 200]},
 * {@code [--http URL --token FILE] --stdio COMMAND...} (the stdio server's command line comes last).
 */
public final class McpBench {
    private static final McpJsonMapper JSON = new JacksonMcpJsonMapper(new ObjectMapper());

    private McpBench() {
    }

    /** one way to run the action; {@code call} does it once and fails loudly on a wrong answer. */
    private interface Route extends AutoCloseable {
        String name();

        void call() throws Exception;
    }

    /** the daemon's socket, framed and decoded as llmsh does it. */
    private static final class Direct implements Route {
        private final SocketChannel channel;
        private final FrameReader reader;
        private final String action;
        private int nextId = 1;

        Direct(Path socket, String action) throws IOException {
            this.channel = SocketChannel.open(UnixDomainSocketAddress.of(socket));
            this.reader = new FrameReader(Channels.newInputStream(channel));
            this.action = action;
        }

        @Override
        public String name() {
            return "llmsh socket client";
        }

        @Override
        public void call() throws Exception {
            int id = nextId++;
            ObjectNode params = Json.MAPPER.createObjectNode().put("action", action);
            params.putObject("params");
            FrameWriter.write(channel, new Request(IntNode.valueOf(id), Methods.ACTION_EXECUTE, params).encode());
            Response response;
            do {
                JsonNode frame = Json.parse(reader.next());
                response = frame.has("method") ? null : Response.decode(frame);
            } while (response == null || response.id().asInt() != id);
            if (response.isError() || !response.result().path("status").asText().equals("ok")) {
                throw new IllegalStateException("the daemon answered " + response);
            }
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    /** the sdk's client through {@code llmsh mcp}. */
    private record Mcp(String name, McpSyncClient client, String tool) implements Route {
        static Mcp connect(String name, McpClientTransport transport, String action) {
            McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(60))
                    .initializationTimeout(Duration.ofSeconds(60)).jsonSchemaValidator(new SchemaValidator()).build();
            client.initialize();
            return new Mcp(name, client, action.replace('.', '_'));
        }

        @Override
        public void call() {
            McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest(tool, Map.of()));
            if (Boolean.TRUE.equals(result.isError())) {
                throw new IllegalStateException(name + " answered an error: " + result.content());
            }
        }

        @Override
        public void close() {
            client.close();
        }
    }

    public static void main(String[] args) throws Exception {
        Path socket = null;
        String action = "sys.info";
        int calls = 200;
        int rounds = 5;
        int warmup = 200;
        String httpUrl = null;
        Path tokenFile = null;
        List<String> stdio = List.of();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--socket" -> socket = Path.of(args[++i]);
                case "--action" -> action = args[++i];
                case "--calls" -> calls = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--http" -> httpUrl = args[++i];
                case "--token" -> tokenFile = Path.of(args[++i]);
                case "--stdio" -> {
                    stdio = List.of(Arrays.copyOfRange(args, i + 1, args.length));
                    i = args.length;
                }
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (socket == null || stdio.isEmpty()) {
            throw new IllegalArgumentException("--socket and --stdio COMMAND... are required");
        }
        List<Route> routes = new ArrayList<>();
        routes.add(new Direct(socket, action));
        ServerParameters server = ServerParameters.builder(stdio.getFirst()).args(new ArrayList<>(stdio.subList(1, stdio.size())))
                .build();
        routes.add(Mcp.connect("mcp over stdio", new StdioClientTransport(server, JSON), action));
        if (httpUrl != null) {
            String token = Files.readString(tokenFile).strip();
            var transport = HttpClientStreamableHttpTransport.builder(httpUrl.substring(0, httpUrl.indexOf("/mcp")))
                    .endpoint("/mcp").jsonMapper(JSON)
                    .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + token)).build();
            routes.add(Mcp.connect("mcp over streamable http", transport, action));
        }
        try {
            run(routes, action, calls, rounds, warmup);
        } finally {
            for (Route route : routes) {
                route.close();
            }
        }
        System.exit(0);
    }

    private static void run(List<Route> routes, String action, int calls, int rounds, int warmup) throws Exception {
        for (Route route : routes) {
            for (int i = 0; i < warmup; i++) {
                route.call();
            }
        }
        Map<Route, long[]> nanos = new LinkedHashMap<>();
        routes.forEach(route -> nanos.put(route, new long[calls * rounds]));
        for (int round = 0; round < rounds; round++) {
            for (int k = 0; k < routes.size(); k++) {
                Route route = routes.get((k + round) % routes.size());
                long[] into = nanos.get(route);
                for (int i = 0; i < calls; i++) {
                    long start = System.nanoTime();
                    route.call();
                    into[round * calls + i] = System.nanoTime() - start;
                }
            }
        }
        System.out.printf(Locale.ROOT, "tool call %s, %d rounds x %d calls per route after %d warm-up calls, one at a time%n",
                action, rounds, calls, warmup);
        System.out.printf(Locale.ROOT, "%-26s %10s %10s %10s %10s %12s%n", "route", "mean us", "p50 us", "p90 us", "p99 us",
                "x baseline");
        double base = 0;
        for (var entry : nanos.entrySet()) {
            long[] sorted = entry.getValue().clone();
            Arrays.sort(sorted);
            double p50 = micros(sorted, 0.50);
            if (base == 0) {
                base = p50;
            }
            System.out.printf(Locale.ROOT, "%-26s %10.0f %10.0f %10.0f %10.0f %11.2fx%n", entry.getKey().name(),
                    Arrays.stream(sorted).average().orElseThrow() / 1000, p50, micros(sorted, 0.90), micros(sorted, 0.99),
                    p50 / base);
        }
        for (var entry : nanos.entrySet()) {
            if (entry.getKey() != routes.getFirst()) {
                long[] sorted = entry.getValue().clone();
                Arrays.sort(sorted);
                System.out.printf(Locale.ROOT, "%s adds %.0f us to a call (median)%n", entry.getKey().name(),
                        micros(sorted, 0.50) - base);
            }
        }
    }

    private static double micros(long[] sorted, double percentile) {
        return sorted[Math.min(sorted.length - 1, (int) (percentile * sorted.length))] / 1000.0;
    }
}
