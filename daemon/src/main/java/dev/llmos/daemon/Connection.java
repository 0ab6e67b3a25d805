package dev.llmos.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.action.Caller;
import dev.llmos.protocol.ErrorCodes;
import dev.llmos.protocol.FrameReader;
import dev.llmos.protocol.Json;
import dev.llmos.protocol.Methods;
import dev.llmos.protocol.Request;
import dev.llmos.protocol.Response;
import dev.llmos.protocol.RpcException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * one client connection on its own virtual thread: reads frames, answers each, and keeps going
 * after a bad frame; only an oversized frame (the stream is then out of sync) closes it.
 */
final class Connection implements Runnable {
    private final SocketChannel channel;
    private final Caller caller;
    private final boolean confirmable;
    private final List<Path> daemonPaths;
    private final Dispatcher dispatcher;
    private final Fairness fairness;
    private final Map<JsonNode, AtomicBoolean> running = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile long lastActivityNanos = System.nanoTime();
    private volatile Map<String, String> session;

    /**
     * @param confirmable false when the peer runs in one of this daemon's sandboxes
     * @param daemonPaths the daemon's sockets and state, which nothing an action starts may see
     */
    Connection(SocketChannel channel, Caller caller, boolean confirmable, List<Path> daemonPaths, Dispatcher dispatcher,
            Fairness fairness) {
        this.channel = channel;
        this.caller = caller;
        this.confirmable = confirmable;
        this.daemonPaths = daemonPaths;
        this.dispatcher = dispatcher;
        this.fairness = fairness;
    }

    Caller caller() {
        return caller;
    }

    /**
     * the caller's session, read from its process once per connection (a process's environment is
     * fixed once it runs) and only when an action asks for it.
     */
    private Map<String, String> callerSession() {
        Map<String, String> read = session;
        if (read == null) {
            read = Sessions.of(caller);
            session = read;
        }
        return read;
    }

    /** nanoseconds since the last frame when nothing is running, else 0. */
    long idleNanos() {
        return inFlight.get() == 0 ? System.nanoTime() - lastActivityNanos : 0;
    }

    @Override
    public void run() {
        FrameReader reader = new FrameReader(Channels.newInputStream(channel));
        try {
            byte[] frame;
            while ((frame = reader.next()) != null) {
                lastActivityNanos = System.nanoTime();
                handle(frame);
            }
        } catch (FrameReader.FrameTooLargeException e) {
            send(Response.failure(null, RpcException.of(ErrorCodes.INVALID_REQUEST,
                    "frame exceeds " + FrameReader.MAX_FRAME_BYTES + " bytes; closing the connection", null).error()).encode());
        } catch (IOException e) {
            // the client went away or the idle watchdog closed us
        } finally {
            running.values().forEach(flag -> flag.set(true));
            close();
        }
    }

    private void handle(byte[] frame) {
        JsonNode node = null;
        Request request;
        try {
            node = Json.parse(frame);
            request = Request.decode(node);
        } catch (RpcException e) {
            send(Response.failure(Request.salvageId(node), e.error()).encode());
            return;
        }
        if (request.isNotification()) {
            if (request.method().equals(Methods.CANCEL)) {
                AtomicBoolean flag = running.get(request.params().path("id"));
                if (flag != null) {
                    flag.set(true);
                }
            }
            return;
        }
        if (dispatcher.isLongRunning(request.method())) {
            Permit permit;
            try {
                permit = admit(request);
            } catch (RpcException e) {
                send(Response.failure(request.id(), e.error()).encode());
                return;
            }
            AtomicBoolean cancelled = new AtomicBoolean();
            running.put(request.id(), cancelled);
            inFlight.incrementAndGet();
            Thread.ofVirtual().start(() -> {
                Response response;
                try {
                    response = answer(request, cancelled);
                } finally {
                    // the id and the user's share are free again before the client can read the
                    // answer and send the next request
                    permit.close();
                    running.remove(request.id());
                    inFlight.decrementAndGet();
                    lastActivityNanos = System.nanoTime();
                }
                send(response.encode());
            });
        } else {
            try {
                fairness.checkAudited(caller.uid(), request.method());
            } catch (RpcException e) {
                send(Response.failure(request.id(), e.error()).encode());
                return;
            }
            send(answer(request, new AtomicBoolean()).encode());
        }
    }

    /** a long request may start: its id is free here, and this connection and its user are under their limits. */
    private Permit admit(Request request) throws RpcException {
        if (running.containsKey(request.id())) {
            throw RpcException.busy("a request with id " + request.id() + " is already running on this connection");
        }
        Limits limits = fairness.limits();
        if (inFlight.get() >= limits.requestsPerConnection()) {
            throw limits.exceeded("requests_per_connection", limits.requestsPerConnection(),
                    "this connection already has that many requests running");
        }
        return fairness.run(caller.uid(), request.method());
    }

    private Response answer(Request request, AtomicBoolean cancelled) {
        RunContext context = new RunContext() {
            @Override
            public void progress(String message, Double fraction) {
                ObjectNode params = Json.MAPPER.createObjectNode();
                params.set("id", request.id());
                params.put("message", message);
                if (fraction != null) {
                    params.put("fraction", fraction);
                }
                send(new Request(null, Methods.PROGRESS, params).encode());
            }

            @Override
            public boolean cancelled() {
                return cancelled.get();
            }

            @Override
            public Map<String, String> session() {
                return callerSession();
            }

            @Override
            public boolean confirmable() {
                return confirmable;
            }

            @Override
            public List<Path> daemonPaths() {
                return daemonPaths;
            }
        };
        Response response;
        try {
            response = Response.success(request.id(), dispatcher.dispatch(new Dispatcher.Call(request, caller, context)));
        } catch (RpcException e) {
            response = Response.failure(request.id(), e.error());
        } catch (RuntimeException e) {
            System.err.println("llm-osd: internal error in " + request.method() + ": " + e);
            response = Response.failure(request.id(), RpcException.internal("internal error: " + e.getMessage()).error());
        }
        return response;
    }

    /** writes one frame; frames from concurrent requests never interleave. */
    synchronized void send(ObjectNode frame) {
        byte[] bytes = Json.toBytes(frame);
        ByteBuffer buffer = ByteBuffer.allocate(bytes.length + 1).put(bytes).put((byte) '\n').flip();
        try {
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        } catch (IOException e) {
            // the client is gone; its requests' results have nowhere to go
        }
    }

    void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // closing a broken channel: nothing to do
        }
    }
}
