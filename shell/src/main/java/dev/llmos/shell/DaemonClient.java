package dev.llmos.shell;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.protocol.FrameReader;
import dev.llmos.protocol.Methods;
import dev.llmos.protocol.RpcError;
import java.io.IOException;
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
    /** who answers, as messages name it: the daemon, or the daemon on a remote host. */
    private final String peer;
    /** what a connection closed before any answer probably means (a remote host without llm-osd), or null. */
    private final String hint;
    private boolean answered;
    private int nextId = 1;
    private volatile int currentId;

    private DaemonClient(SocketChannel channel, Path socket, String peer, String hint) {
        this.channel = channel;
        this.socket = socket;
        this.peer = peer;
        this.hint = hint;
        this.reader = new FrameReader(Channels.newInputStream(channel));
    }

    static DaemonClient connect(Path socket) throws IOException {
        return connect(socket, "the daemon", null);
    }

    /** a connection to {@code peer} through {@code socket} (a remote daemon through its forwarded socket). */
    static DaemonClient connect(Path socket, String peer, String hint) throws IOException {
        return new DaemonClient(UnixSockets.connect(socket), socket, peer, hint);
    }

    Path socket() {
        return socket;
    }

    /** calls {@code method}; returns the result or throws the daemon's error as a {@link CliException}. */
    JsonNode call(String method, JsonNode params, Consumer<JsonNode> onProgress) throws CliException {
        int id = nextId++;
        currentId = id;
        try {
            ObjectNode request = JsonCodec.object().put("jsonrpc", "2.0").put("id", id).put("method", method);
            request.set("params", params);
            write(request);
            while (true) {
                byte[] frame = reader.next();
                if (frame == null) {
                    throw lost(peer + " closed the connection");
                }
                answered = true;
                JsonNode node = JsonCodec.parse(frame);
                if (!node.isObject()) {
                    throw protocol("a frame that is not a json object");
                }
                if (node.has("method")) {
                    if (Methods.PROGRESS.equals(node.path("method").asText()) && node.path("params").isObject()) {
                        onProgress.accept(node.get("params"));
                    }
                    continue;
                }
                JsonNode error = node.get("error");
                JsonNode responseId = node.path("id");
                if (error != null && responseId.isNull()) {
                    throw CliException.of(decode(error));
                }
                if (!responseId.isInt() || responseId.intValue() != id) {
                    continue;
                }
                if (error != null) {
                    throw CliException.of(decode(error));
                }
                JsonNode result = node.get("result");
                if (result == null) {
                    throw protocol("a response with neither result nor error");
                }
                return result;
            }
        } catch (JsonCodec.JsonException e) {
            throw protocol(e.getMessage());
        } catch (IOException e) {
            throw lost("lost the connection to " + peer + ": " + e.getMessage());
        } finally {
            currentId = 0;
        }
    }

    /** a lost connection; one lost before any answer on a remote host most likely has no daemon behind it. */
    private CliException lost(String message) {
        return new CliException(ExitCodes.DAEMON_UNAVAILABLE, !answered && hint != null ? message + ": " + hint : message);
    }

    private RpcError decode(JsonNode error) throws CliException {
        if (!error.isObject() || !error.path("code").isInt() || !error.path("message").isTextual()) {
            throw protocol("a malformed error object");
        }
        JsonNode data = error.get("data");
        return new RpcError(error.get("code").intValue(), error.get("message").textValue(),
                data == null || data.isNull() ? null : data);
    }

    private CliException protocol(String what) {
        return new CliException(ExitCodes.DAEMON_UNAVAILABLE, "protocol error from " + peer + ": " + what);
    }

    /** asks the daemon to cancel the request in progress, if any (safe from another thread). */
    void cancelCurrent() {
        int id = currentId;
        if (id == 0) {
            return;
        }
        ObjectNode notification = JsonCodec.object().put("jsonrpc", "2.0").put("method", Methods.CANCEL);
        notification.putObject("params").put("id", id);
        try {
            write(notification);
        } catch (IOException e) {
            // the connection is going away anyway
        }
    }

    private synchronized void write(ObjectNode frame) throws IOException {
        byte[] bytes = JsonCodec.bytes(frame);
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
