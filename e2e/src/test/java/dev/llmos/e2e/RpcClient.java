package dev.llmos.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.protocol.FrameReader;
import dev.llmos.protocol.Json;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** a raw protocol client for tests: sends exact bytes, reads whole frames. */
final class RpcClient implements AutoCloseable {
    private final SocketChannel channel;
    private final FrameReader reader;
    private int nextId = 1;

    private RpcClient(SocketChannel channel) {
        this.channel = channel;
        this.reader = new FrameReader(Channels.newInputStream(channel));
    }

    static RpcClient connect(Path socket) throws IOException {
        return new RpcClient(SocketChannel.open(UnixDomainSocketAddress.of(socket)));
    }

    void sendRaw(byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    void sendLine(String line) throws IOException {
        sendRaw((line + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** the next frame, or null when the daemon closed the connection. */
    JsonNode read() throws IOException {
        byte[] frame = reader.next();
        if (frame == null) {
            return null;
        }
        try {
            return Json.parse(frame);
        } catch (dev.llmos.protocol.RpcException e) {
            throw new IOException("daemon sent invalid json: " + new String(frame, StandardCharsets.UTF_8), e);
        }
    }

    /** sends a request and returns its response frame (result or error), skipping notifications. */
    JsonNode call(String method, JsonNode params) throws IOException {
        int id = nextId++;
        ObjectNode request = Json.MAPPER.createObjectNode().put("jsonrpc", "2.0").put("id", id).put("method", method);
        if (params != null) {
            request.set("params", params);
        }
        sendLine(Json.toString(request));
        while (true) {
            JsonNode frame = read();
            if (frame == null) {
                throw new IOException("connection closed while waiting for " + method);
            }
            if (!frame.has("method")) {
                return frame;
            }
        }
    }

    static ObjectNode params(String json) {
        try {
            return (ObjectNode) Json.parse(json.getBytes(StandardCharsets.UTF_8));
        } catch (dev.llmos.protocol.RpcException e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
