package dev.llmos.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.protocol.FrameReader;
import dev.llmos.protocol.Json;
import dev.llmos.protocol.Methods;
import dev.llmos.protocol.Request;
import dev.llmos.protocol.Response;
import dev.llmos.protocol.RpcException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * one executor: a child process running {@link ExecutorMain} with a caller's uid, gids and
 * groups, spoken to with json-rpc frames over its stdin and stdout. its output is parsed as
 * strictly as a client's: the process runs as an unprivileged user.
 */
final class ExecutorProcess implements AutoCloseable {
    private final int uid;
    private final Process process;
    private final OutputStream stdin;
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private volatile long lastUsedNanos = System.nanoTime();

    private record Pending(CompletableFuture<Response> future, RunContext context) {
    }

    ExecutorProcess(int uid, List<String> argv, Map<String, String> env) throws IOException {
        this.uid = uid;
        ProcessBuilder builder = new ProcessBuilder(argv);
        builder.environment().clear();
        builder.environment().putAll(env);
        builder.directory(new java.io.File("/"));
        this.process = builder.start();
        this.stdin = process.getOutputStream();
        Thread.ofVirtual().name("executor-out-" + uid).start(this::readResponses);
        Thread.ofVirtual().name("executor-err-" + uid).start(this::forwardStderr);
    }

    int uid() {
        return uid;
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    long idleNanos() {
        return pending.isEmpty() ? System.nanoTime() - lastUsedNanos : 0;
    }

    /** sends one request to the executor and waits for its answer, forwarding progress and cancel. */
    ObjectNode call(String method, ObjectNode body, RunContext context) throws RpcException {
        long id = ids.incrementAndGet();
        CompletableFuture<Response> future = new CompletableFuture<>();
        pending.put(id, new Pending(future, context));
        lastUsedNanos = System.nanoTime();
        try {
            send(new Request(Json.MAPPER.getNodeFactory().numberNode(id), method, body).encode());
            boolean cancelSent = false;
            while (true) {
                try {
                    Response response = future.get(100, TimeUnit.MILLISECONDS);
                    if (response.isError()) {
                        throw new RpcException(response.error());
                    }
                    if (!(response.result() instanceof ObjectNode output)) {
                        throw Failures.actionFailed("executor returned a non-object result", null, null);
                    }
                    return output;
                } catch (TimeoutException e) {
                    if (!cancelSent && context.cancelled()) {
                        ObjectNode cancel = Json.MAPPER.createObjectNode().put("id", id);
                        send(new Request(null, Methods.CANCEL, cancel).encode());
                        cancelSent = true;
                    }
                }
            }
        } catch (ExecutionException e) {
            throw Failures.actionFailed("executor for uid " + uid + " failed: " + e.getCause().getMessage(), null, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Failures.actionFailed("interrupted", null, null);
        } catch (IOException e) {
            throw Failures.actionFailed("executor for uid " + uid + " is gone: " + e.getMessage(), null, null);
        } finally {
            pending.remove(id);
            lastUsedNanos = System.nanoTime();
        }
    }

    /** sends a notification (no answer expected); an executor that is gone has nothing left to tell. */
    void notify(String method, ObjectNode body) {
        try {
            send(new Request(null, method, body).encode());
        } catch (IOException e) {
            // the executor exited: what it held went with it
        }
    }

    private synchronized void send(ObjectNode frame) throws IOException {
        stdin.write(Json.toBytes(frame));
        stdin.write('\n');
        stdin.flush();
    }

    private void readResponses() {
        FrameReader reader = new FrameReader(process.getInputStream());
        IOException failure = null;
        try {
            byte[] frame;
            while ((frame = reader.next()) != null) {
                JsonNode node = Json.parse(frame);
                if (node.has("method")) {
                    Request notification = Request.decode(node);
                    Pending target = pending.get(notification.params().path("id").asLong());
                    if (target != null && notification.method().equals(Methods.PROGRESS)) {
                        JsonNode fraction = notification.params().get("fraction");
                        target.context().progress(notification.params().path("message").asText(""),
                                fraction != null && fraction.isNumber() ? fraction.asDouble() : null);
                    }
                    continue;
                }
                Response response = Response.decode(node);
                Pending target = pending.get(response.id().asLong());
                if (target != null) {
                    target.future().complete(response);
                }
            }
        } catch (IOException e) {
            failure = e;
        } catch (RpcException e) {
            failure = new IOException("executor sent an invalid frame: " + e.getMessage());
        }
        IOException cause = failure != null ? failure : new IOException("executor exited");
        process.destroy();
        pending.values().forEach(p -> p.future().completeExceptionally(cause));
    }

    private void forwardStderr() {
        try (BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = err.readLine()) != null) {
                System.err.println("llm-osd: executor uid " + uid + ": " + line);
            }
        } catch (IOException e) {
            // the process is gone; nothing left to forward
        }
    }

    @Override
    public void close() {
        try {
            stdin.close();
        } catch (IOException e) {
            // already closed by the child exiting
        }
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
