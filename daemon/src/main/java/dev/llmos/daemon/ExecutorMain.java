package dev.llmos.daemon;

import com.fasterxml.jackson.core.JsonProcessingException;
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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * the executor process: already running with the caller's uid (the daemon started it through
 * setpriv), it does the caller-side work the daemon sends on stdin ({@link InProcessSide}) and
 * answers on stdout. it exits when stdin closes, so it never outlives the daemon.
 */
public final class ExecutorMain {
    static final String RESOLVE = "resolve";
    static final String PREVIEW = "preview";
    static final String EXECUTE = "execute";

    private final ActionCatalog catalog = ActionCatalog.discover();
    private final InProcessSide side = new InProcessSide();
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
                Thread.ofVirtual().start(() -> answer(request));
            }
        }
    }

    private void answer(Request request) {
        long id = request.id() == null ? 0 : request.id().asLong();
        AtomicBoolean cancelled = new AtomicBoolean();
        cancels.put(id, cancelled);
        try {
            JsonNode params = request.params();
            Caller caller = Json.MAPPER.treeToValue(params.get("caller"), Caller.class);
            CatalogEntry.Bound bound = catalog.require(params.path("action").asText(), "/action")
                    .bind(params.get("params"), "/params");
            Path quarantine = params.hasNonNull("quarantine") ? Path.of(params.get("quarantine").asText()) : null;
            ObjectNode result = Json.MAPPER.createObjectNode();
            switch (request.method()) {
                case RESOLVE -> result.set("paths", Json.toTree(side.resolvePaths(caller, bound)));
                case PREVIEW -> result.set("preview", side.preview(caller, bound, quarantine,
                        session(params.get("session"))));
                case EXECUTE -> {
                    CallerSide.Outcome outcome = side.execute(caller, bound, paths(params.get("approved")), quarantine,
                            context(id, cancelled, session(params.get("session"))));
                    result.set("output", outcome.output());
                    if (outcome.undo() != null) {
                        result.set("undo", Json.toTree(outcome.undo()));
                    }
                }
                default -> throw RpcException.methodNotFound(request.method());
            }
            send(Response.success(request.id(), result).encode());
        } catch (RpcException e) {
            send(Response.failure(request.id(), e.error()).encode());
        } catch (JsonProcessingException | IllegalArgumentException e) {
            send(Response.failure(request.id(), RpcException.internal("executor: " + e.getMessage()).error()).encode());
        } finally {
            cancels.remove(id);
        }
    }

    private static Map<String, String> session(JsonNode node) {
        Map<String, String> session = new LinkedHashMap<>();
        if (node != null) {
            node.properties().forEach(field -> session.put(field.getKey(), field.getValue().asText()));
        }
        return session;
    }

    private RunContext context(long id, AtomicBoolean cancelled, Map<String, String> session) {
        return new RunContext() {
            @Override
            public Map<String, String> session() {
                return session;
            }

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
    }

    /** a map of param name to paths, as sent in {@code approved} and returned by {@code resolve}. */
    static Map<String, List<String>> paths(JsonNode node) {
        Map<String, List<String>> paths = new LinkedHashMap<>();
        if (node != null) {
            for (var field : node.properties()) {
                List<String> values = new ArrayList<>();
                field.getValue().forEach(v -> values.add(v.asText()));
                paths.put(field.getKey(), values);
            }
        }
        return paths;
    }

    /** the outcome of {@code execute} as the executor reports it. */
    static CallerSide.Outcome outcome(ObjectNode result) throws RpcException {
        if (!(result.get("output") instanceof ObjectNode output)) {
            throw Failures.actionFailed("the executor returned no output object", null, null);
        }
        JsonNode undo = result.get("undo");
        CallerSide.Inverse inverse = null;
        if (undo != null && undo.path("action").isTextual() && undo.get("params") instanceof ObjectNode params) {
            inverse = new CallerSide.Inverse(undo.get("action").asText(), params);
        }
        return new CallerSide.Outcome(output, inverse);
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
