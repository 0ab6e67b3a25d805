package dev.llmos.shell;

import dev.llmos.shell.render.Terminal;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * the aot training run at build time: the one-shot commands people run most, through the real
 * parser, client, socket and renderer, against a stand-in daemon in this process that answers with
 * recorded frames. the aot cache then holds exactly the classes those runs load (and the jvm loads
 * every cached class at start, so nothing else belongs in it: no help, no repl, no picocli).
 */
final class Training {
    private static final String SYS_INFO = "{\"txid\":\"tx-0\",\"action\":\"sys.info\",\"status\":\"ok\",\"output\":"
            + "{\"hostname\":\"h\",\"kernel\":{\"release\":\"6.1\",\"arch\":\"x86_64\"},\"uptime_seconds\":659,"
            + "\"load\":{\"one\":0.5},\"memory\":{\"total_bytes\":25232932864,\"swap_free_bytes\":0},\"cpus\":{\"count\":2}},"
            + "\"undo\":{\"available\":false}}";
    private static final String FS_LIST = "{\"txid\":\"tx-1\",\"action\":\"fs.list\",\"status\":\"ok\",\"output\":{\"path\":"
            + "\"/tmp\",\"total\":1,\"entries\":[{\"name\":\"a\\u001b\",\"type\":\"file\",\"size\":2048,"
            + "\"mtime\":\"2026-01-01T00:00:00.123456789Z\",\"tags\":[\"x\"]}],\"note\":null},\"undo\":{\"available\":false}}";
    private static final String CATALOG = "{\"actions\":[{\"name\":\"fs.list\",\"description\":\"list\",\"risk\":\"read\","
            + "\"params_schema\":{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\"},\"limit\":{\"type\":"
            + "\"integer\"},\"hidden\":{\"type\":\"boolean\"}}},\"examples\":[],\"path_params\":[\"path\"],"
            + "\"path_roles\":{\"path\":\"target\"},\"sensitive_params\":[]}]}";
    private static final String STATUS = "{\"version\":\"dev\",\"pid\":1,\"caller\":{\"uid\":0,\"user\":\"root\"},"
            + "\"backends\":[{\"name\":\"router\",\"kind\":\"router\",\"state\":\"idle\"}],\"leases\":[]}";

    private Training() {
    }

    static void run() {
        try {
            Path dir = Files.createTempDirectory("llmsh-aot");
            Path socket = dir.resolve("d.sock");
            // the server's channel would otherwise initialise the jdk's unix sockets the slow way first
            UnixSockets.prepare();
            try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
                server.bind(UnixDomainSocketAddress.of(socket));
                Thread daemon = Thread.ofPlatform().daemon().start(() -> serve(server));
                OutputStream sink = OutputStream.nullOutputStream();
                Map<String, String> env = Map.of();
                for (List<String> args : List.of(
                        List.of("do", "sys.info"),
                        List.of("do", "fs.list", "path=.", "limit=2", "hidden=yes"),
                        List.of("--json", "do", "sys.info"),
                        List.of("status"),
                        List.of("do", "nothing.here"))) {
                    List<String> line = new java.util.ArrayList<>(List.of("--socket", socket.toString(), "--no-autostart"));
                    line.addAll(args);
                    try (Session session = new Session()) {
                        Main.run(line, env, new Terminal(env), session, sink, sink, false);
                    }
                }
                daemon.interrupt();
            } finally {
                Files.deleteIfExists(socket);
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("aot training failed", e);
        }
    }

    private static void serve(ServerSocketChannel server) {
        while (true) {
            try (SocketChannel connection = server.accept()) {
                var reader = new dev.llmos.protocol.FrameReader(Channels.newInputStream(connection));
                byte[] frame;
                while ((frame = reader.next()) != null) {
                    var request = JsonCodec.parse(frame);
                    String method = request.path("method").asText();
                    String answer = switch (method) {
                        case "actions.list" -> request.path("params").has("names")
                                && !request.at("/params/names/0").asText().equals("fs.list") ? "{\"actions\":[]}" : CATALOG;
                        case "system.status" -> STATUS;
                        default -> request.at("/params/action").asText().equals("fs.list") ? FS_LIST : SYS_INFO;
                    };
                    String response = method.equals("action.execute") && request.at("/params/action").asText().equals("nothing.here")
                            ? "{\"jsonrpc\":\"2.0\",\"id\":" + request.path("id").asInt() + ",\"error\":{\"code\":-32602,"
                                    + "\"message\":\"unknown action\",\"data\":{\"pointer\":\"/params/action\"}}}"
                            : "{\"jsonrpc\":\"2.0\",\"id\":" + request.path("id").asInt() + ",\"result\":" + answer + "}";
                    connection.write(ByteBuffer.wrap((response + "\n").getBytes(StandardCharsets.UTF_8)));
                }
            } catch (IOException | JsonCodec.JsonException e) {
                return;
            }
        }
    }
}
