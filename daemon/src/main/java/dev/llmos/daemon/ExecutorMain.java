package dev.llmos.daemon;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.action.Caller;
import dev.llmos.catalog.ActionCatalog;
import dev.llmos.catalog.CatalogEntry;
import dev.llmos.catalog.ResolvedParams;
import dev.llmos.posix.PosixException;
import dev.llmos.posix.Privileges;
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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * the executor process: started as root with the caller's identity in its arguments, it drops to
 * that identity before anything else ({@link Privileges#dropTo}), then does the caller-side work the
 * daemon sends on stdin ({@link InProcessSide}) and
 * answers on stdout. it exits when stdin closes, so it never outlives the daemon.
 */
public final class ExecutorMain {
    static final String RESOLVE = "resolve";
    static final String PREVIEW = "preview";
    static final String EXECUTE = "execute";
    static final String RELEASE = "release";
    /** resolutions one executor holds at once; the daemon releases each when its request ends. */
    static final int MAX_HELD = 1024;

    /** a resolution this process holds for the daemon, under a handle, until released. */
    private record Held(Caller caller, CatalogEntry.Bound bound, Resolution.Local resolution) {
    }

    private final ActionCatalog catalog = ActionCatalog.discover();
    private final InProcessSide side = new InProcessSide();
    private final OutputStream out = new BufferedOutputStream(System.out, 1 << 16);
    private final Map<Long, AtomicBoolean> cancels = new ConcurrentHashMap<>();
    private final Map<Long, Held> held = new ConcurrentHashMap<>();
    private final AtomicLong handles = new AtomicLong();

    private ExecutorMain() {
    }

    public static void main(String[] args) {
        int status = 0;
        try {
            dropPrivileges(args);
            new ExecutorMain().serve();
        } catch (IOException | RuntimeException e) {
            System.err.println("executor: " + e);
            status = 1;
        }
        System.exit(status);
    }

    /**
     * {@code --uid U --gid G --groups A,B}: becomes that caller before reading any request. the
     * process started as root, so the kernel marks it not dumpable: the caller cannot attach to it.
     */
    private static void dropPrivileges(String[] args) throws IOException {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        if (!options.keySet().equals(java.util.Set.of("--uid", "--gid", "--groups"))) {
            throw new IllegalArgumentException("usage: ExecutorMain --uid U --gid G --groups A,B");
        }
        String groups = options.get("--groups");
        int[] list = groups.isEmpty() ? new int[0]
                : java.util.Arrays.stream(groups.split(",")).mapToInt(Integer::parseInt).toArray();
        try {
            Privileges.dropTo(Integer.parseInt(options.get("--uid")), Integer.parseInt(options.get("--gid")), list);
        } catch (PosixException e) {
            throw new IOException("cannot drop to the caller's identity: " + e.getMessage(), e);
        }
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
            } else if (request.method().equals(RELEASE)) {
                Held released = held.remove(request.params().path("handle").asLong());
                if (released != null) {
                    released.resolution().close();
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
            Path quarantine = params.hasNonNull("quarantine") ? Path.of(params.get("quarantine").asText()) : null;
            ObjectNode result = Json.MAPPER.createObjectNode();
            switch (request.method()) {
                case RESOLVE -> {
                    Caller caller = Json.MAPPER.treeToValue(params.get("caller"), Caller.class);
                    CatalogEntry.Bound bound = catalog.require(params.path("action").asText(), "/action")
                            .bind(params.get("params"), "/params");
                    if (held.size() >= MAX_HELD) {
                        throw RpcException.busy("the executor holds " + MAX_HELD + " resolutions already");
                    }
                    Resolution.Local resolution = side.resolve(caller, bound);
                    long handle = handles.incrementAndGet();
                    held.put(handle, new Held(caller, bound, resolution));
                    result.put("handle", handle);
                    result.set("facts", Json.toTree(resolution.facts()));
                }
                case PREVIEW -> {
                    Held target = held(params);
                    result.set("preview", side.preview(target.caller(), target.bound(), target.resolution(), quarantine,
                            session(params.get("session"))));
                }
                case EXECUTE -> {
                    Held target = held(params);
                    CallerSide.Outcome outcome = side.execute(target.caller(), target.bound(), target.resolution(),
                            quarantine, context(id, cancelled, session(params.get("session"))));
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

    private Held held(JsonNode params) throws RpcException {
        Held target = held.get(params.path("handle").asLong());
        if (target == null) {
            throw RpcException.internal("executor: no resolution under handle " + params.path("handle"));
        }
        return target;
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

    /** the facts a {@code resolve} answer carries, by param. */
    static Map<String, ResolvedParams.Fact> facts(JsonNode node) throws RpcException {
        Map<String, ResolvedParams.Fact> facts = new LinkedHashMap<>();
        if (node != null) {
            for (var field : node.properties()) {
                try {
                    facts.put(field.getKey(), Json.MAPPER.treeToValue(field.getValue(), ResolvedParams.Fact.class));
                } catch (JsonProcessingException e) {
                    throw Failures.actionFailed("the executor sent an invalid resolution: " + e.getOriginalMessage(),
                            null, null);
                }
            }
        }
        return facts;
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
