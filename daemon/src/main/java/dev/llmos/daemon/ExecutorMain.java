package dev.llmos.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.action.Caller;
import dev.llmos.catalog.ActionCatalog;
import dev.llmos.catalog.CatalogEntry;
import dev.llmos.protocol.FrameReader;
import dev.llmos.protocol.Json;
import dev.llmos.protocol.Methods;
import dev.llmos.protocol.Request;
import dev.llmos.protocol.Response;
import dev.llmos.protocol.RpcException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * the executor process: already running with the caller's uid (the daemon started it through
 * setpriv), it runs actions the daemon sends on stdin and answers on stdout. it exits when stdin
 * closes, so it never outlives the daemon.
 */
public final class ExecutorMain {
    static final String EXECUTE = "execute";

    private final ActionCatalog catalog = ActionCatalog.discover();
    private final OutputStream out = new BufferedOutputStream(System.out, 1 << 16);
    private final Map<Long, AtomicBoolean> cancels = new ConcurrentHashMap<>();

    private ExecutorMain() {
    }

    public static void main(String[] args) {
        int status = 0;
        try {
            new ExecutorMain().serve();
        } catch (IOException | RuntimeException e) {
            System.err.println("executor: " + e);
            status = 1;
        }
        System.exit(status);
    }

    private void serve() throws IOException {
        FrameReader reader = new FrameReader(System.in);
        byte[] frame;
        while ((frame = reader.next()) != null) {
            Request request;
            try {
                request = Request.decode(Json.parse(frame));
            } catch (RpcException e) {
                send(Response.failure(null, e.error()).encode());
                continue;
            }
            if (request.method().equals(Methods.CANCEL)) {
                AtomicBoolean flag = cancels.get(request.params().path("id").asLong());
                if (flag != null) {
                    flag.set(true);
                }
            } else {
                Thread.ofVirtual().start(() -> execute(request));
            }
        }
    }

    private void execute(Request request) {
        long id = request.id() == null ? 0 : request.id().asLong();
        AtomicBoolean cancelled = new AtomicBoolean();
        cancels.put(id, cancelled);
        try {
            if (!request.method().equals(EXECUTE)) {
                throw RpcException.methodNotFound(request.method());
            }
            JsonNode params = request.params();
            Caller caller = Json.MAPPER.treeToValue(params.get("caller"), Caller.class);
            CatalogEntry.Bound bound = catalog.require(params.path("action").asText(), "/action")
                    .bind(params.get("params"), "/params");
            RunContext context = new RunContext() {
                @Override
                public void progress(String message, Double fraction) {
                    ObjectNode body = Json.MAPPER.createObjectNode().put("id", id).put("message", message);
                    if (fraction != null) {
                        body.put("fraction", fraction);
                    }
                    send(new Request(null, Methods.PROGRESS, body).encode());
                }

                @Override
                public boolean cancelled() {
                    return cancelled.get();
                }
            };
            ObjectNode output = ActionInvoker.invoke(bound, caller, context);
            send(Response.success(request.id(), output).encode());
        } catch (RpcException e) {
            send(Response.failure(request.id(), e.error()).encode());
        } catch (IOException | IllegalArgumentException e) {
            send(Response.failure(request.id(), RpcException.internal("executor: " + e.getMessage()).error()).encode());
        } finally {
            cancels.remove(id);
        }
    }

    private synchronized void send(ObjectNode frame) {
        try {
            out.write(Json.toBytes(frame));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            // the daemon is gone: nothing to answer; stdin will close and end the loop
        }
    }
}
