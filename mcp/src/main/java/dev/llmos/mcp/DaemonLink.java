package dev.llmos.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.protocol.FrameReader;
import dev.llmos.protocol.FrameWriter;
import dev.llmos.protocol.Json;
import dev.llmos.protocol.Methods;
import dev.llmos.protocol.Request;
import dev.llmos.protocol.Response;
import dev.llmos.protocol.RpcException;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * the mcp server's connection to llm-osd: json-rpc over its unix socket, as this process (the
 * daemon knows the caller from the socket, exactly as for llmsh). many calls run at once on one
 * connection, each with its own progress; a call can be cancelled. the daemon closes an idle
 * connection after a while, and may exit when idle: the next call opens a new one, and
 * {@link #generation()} tells the caller that it did (so it can look for a changed catalog).
 */
public final class DaemonLink implements AutoCloseable {
    /** opens a connection to the daemon: the shell's connector finds it, and may start one. */
    @FunctionalInterface
    public interface Opener {
        SocketChannel open() throws IOException;
    }

    /** a call on its way: its answer, and a way to cancel it. */
    public interface Call {
        /** waits for the answer; the daemon's error as {@link RpcException}, a lost daemon as {@link IOException}. */
        JsonNode await() throws RpcException, IOException, InterruptedException;

        /** asks the daemon to cancel the call; it then ends with the daemon's answer (often an error). */
        void cancel();
    }

    private final Opener opener;
    private Connection connection;
    private long generation;

    public DaemonLink(Opener opener) {
        this.opener = opener;
    }

    /** how many connections were opened so far; changes whenever a call had to reconnect. */
    public synchronized long generation() {
        return generation;
    }

    /** whether a connection is open now (the daemon closes idle ones; the next call reopens). */
    public synchronized boolean connected() {
        return connection != null && connection.alive();
    }

    /** calls {@code method} and waits for the result. */
    public JsonNode call(String method, JsonNode params) throws RpcException, IOException, InterruptedException {
        return start(method, params, progress -> { }).await();
    }

    /** starts {@code method}; {@code onProgress} receives the daemon's progress params while it runs. */
    public Call start(String method, JsonNode params, Consumer<JsonNode> onProgress) throws IOException {
        Connection current = connection();
        try {
            return current.start(method, params, onProgress);
        } catch (IOException e) {
            // nothing was sent: the daemon had closed this connection (idle), so one retry is safe
            current.close();
            return connection().start(method, params, onProgress);
        }
    }

    private synchronized Connection connection() throws IOException {
        if (connection == null || !connection.alive()) {
            connection = new Connection(opener.open());
            generation++;
        }
        return connection;
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }

    /** one socket, a reader thread, and the calls waiting on it. */
    private static final class Connection {
        private final SocketChannel channel;
        private final Map<Integer, Pending> pending = new ConcurrentHashMap<>();
        private final AtomicInteger nextId = new AtomicInteger(1);
        private volatile boolean alive = true;

        Connection(SocketChannel channel) {
            this.channel = channel;
            Thread.ofVirtual().name("llm-osd reader").start(this::read);
        }

        boolean alive() {
            return alive;
        }

        Call start(String method, JsonNode params, Consumer<JsonNode> onProgress) throws IOException {
            int id = nextId.getAndIncrement();
            Pending call = new Pending(this, id, onProgress);
            pending.put(id, call);
            try {
                write(new Request(IntNode.valueOf(id), method, params).encode());
            } catch (IOException e) {
                pending.remove(id);
                throw e;
            }
            if (!alive) {
                // the reader ended while we registered: this call would never be answered
                call.lost();
            }
            return call;
        }

        void cancel(int id) {
            if (!pending.containsKey(id)) {
                return;
            }
            ObjectNode params = Json.MAPPER.createObjectNode().put("id", id);
            try {
                write(new Request(null, Methods.CANCEL, params).encode());
            } catch (IOException e) {
                // the connection is gone, and with it the call: the daemon cancels what a lost client started
            }
        }

        private synchronized void write(ObjectNode frame) throws IOException {
            FrameWriter.write(channel, frame);
        }

        private void read() {
            FrameReader reader = new FrameReader(Channels.newInputStream(channel));
            try {
                for (byte[] frame = reader.next(); frame != null; frame = reader.next()) {
                    dispatch(Json.parse(frame));
                }
            } catch (IOException | RpcException e) {
                // the daemon went away or broke the protocol: every waiting call learns it below
            } finally {
                close();
            }
        }

        private void dispatch(JsonNode node) throws RpcException {
            if (node.has("method")) {
                Request notification = Request.decode(node);
                if (notification.method().equals(Methods.PROGRESS)) {
                    Pending call = pending.get(notification.params().path("id").asInt());
                    if (call != null) {
                        call.onProgress.accept(notification.params());
                    }
                }
                return;
            }
            Response response = Response.decode(node);
            Pending call = response.id().isIntegralNumber() ? pending.remove(response.id().asInt()) : null;
            if (call != null) {
                call.answer.complete(response);
            }
        }

        void close() {
            alive = false;
            try {
                channel.close();
            } catch (IOException e) {
                // closing anyway
            }
            pending.values().forEach(Pending::lost);
            pending.clear();
        }
    }

    private static final class Pending implements Call {
        private final Connection connection;
        private final int id;
        private final Consumer<JsonNode> onProgress;
        private final CompletableFuture<Response> answer = new CompletableFuture<>();

        Pending(Connection connection, int id, Consumer<JsonNode> onProgress) {
            this.connection = connection;
            this.id = id;
            this.onProgress = onProgress;
        }

        void lost() {
            answer.completeExceptionally(new IOException("lost the connection to llm-osd"));
        }

        @Override
        public JsonNode await() throws RpcException, IOException, InterruptedException {
            Response response;
            try {
                response = answer.get();
            } catch (ExecutionException e) {
                throw (IOException) e.getCause();
            }
            if (response.isError()) {
                throw new RpcException(response.error());
            }
            return response.result();
        }

        @Override
        public void cancel() {
            connection.cancel(id);
        }
    }
}
