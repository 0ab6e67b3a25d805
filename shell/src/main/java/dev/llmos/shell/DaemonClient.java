package dev.llmos.shell;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.protocol.FrameReader;
import dev.llmos.protocol.Json;
import dev.llmos.protocol.Methods;
import dev.llmos.protocol.Request;
import dev.llmos.protocol.Response;
import dev.llmos.protocol.RpcException;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.function.Consumer;

/** one connection to llm-osd: sends requests, reads their responses, passes progress along. */
final class DaemonClient implements AutoCloseable {
    private final SocketChannel channel;
    private final FrameReader reader;
    private final Path socket;
    private int nextId = 1;
    private volatile int currentId;

    private DaemonClient(SocketChannel channel, Path socket) {
        this.channel = channel;
        this.socket = socket;
        this.reader = new FrameReader(Channels.newInputStream(channel));
    }

    static DaemonClient connect(Path socket) throws IOException {
        return new DaemonClient(SocketChannel.open(UnixDomainSocketAddress.of(socket)), socket);
    }

    Path socket() {
        return socket;
    }

    /** calls {@code method}; returns the result or throws the daemon's error as a {@link CliException}. */
    JsonNode call(String method, JsonNode params) throws CliException {
        return call(method, params, progress -> { });
    }

    JsonNode call(String method, JsonNode params, Consumer<JsonNode> onProgress) throws CliException {
        int id = nextId++;
        currentId = id;
        try {
            write(new Request(IntNode.valueOf(id), method, params).encode());
            while (true) {
                byte[] frame = reader.next();
                if (frame == null) {
                    throw new CliException(ExitCodes.DAEMON_UNAVAILABLE, "the daemon closed the connection");
                }
                JsonNode node = Json.parse(frame);
                if (node.has("method")) {
                    Request notification = Request.decode(node);
                    if (notification.method().equals(Methods.PROGRESS)) {
                        onProgress.accept(notification.params());
                    }
                    continue;
                }
                Response response = Response.decode(node);
                if (response.isError() && response.id().isNull()) {
                    throw CliException.of(response.error());
                }
                if (response.id().asInt() != id) {
                    continue;
                }
                if (response.isError()) {
                    throw CliException.of(response.error());
                }
                return response.result();
            }
        } catch (RpcException e) {
            throw new CliException(ExitCodes.DAEMON_UNAVAILABLE, "protocol error from the daemon: " + e.getMessage());
        } catch (IOException e) {
            throw new CliException(ExitCodes.DAEMON_UNAVAILABLE, "lost the connection to the daemon: " + e.getMessage());
        } finally {
            currentId = 0;
        }
    }

    /** asks the daemon to cancel the request in progress, if any (safe from another thread). */
    void cancelCurrent() {
        int id = currentId;
        if (id == 0) {
            return;
        }
        ObjectNode params = Json.MAPPER.createObjectNode().put("id", id);
        try {
            write(new Request(null, Methods.CANCEL, params).encode());
        } catch (IOException e) {
            // the connection is going away anyway
        }
    }

    private synchronized void write(ObjectNode frame) throws IOException {
        byte[] bytes = Json.toBytes(frame);
        ByteBuffer buffer = ByteBuffer.allocate(bytes.length + 1).put(bytes).put((byte) '\n').flip();
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
