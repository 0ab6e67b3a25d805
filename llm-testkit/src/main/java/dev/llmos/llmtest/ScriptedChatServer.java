package dev.llmos.llmtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.llmos.protocol.Json;
import dev.llmos.protocol.RpcException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;

/**
 * an openai-compatible chat completions server on loopback whose answers are scripted: the only way
 * to make a model answer with a hallucinated tool, a hostile call or an exact token count on cue. each
 * request gets the next queued reply, or what the fallback script computes from the request; with
 * neither it answers http 500, so a test that runs past its script fails loudly. every request body
 * is recorded, in order, with how long the server took to answer it.
 */
public final class ScriptedChatServer implements AutoCloseable {
    /** computes a reply from the request and its index (0 for the first request this server got). */
    @FunctionalInterface
    public interface Script {
        Reply reply(JsonNode request, int index);
    }

    /**
     * one function call of a reply.
     *
     * @param name the function's name as the model writes it
     * @param arguments the arguments text (normally a json object)
     */
    public record Call(String name, String arguments) {
        public Call {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(arguments, "arguments");
        }
    }

    /**
     * one scripted answer.
     *
     * @param content the assistant text, or null for calls only
     * @param calls the function calls
     * @param promptTokens the usage reported
     * @param completionTokens the usage reported
     * @param delay how long to hold the answer back
     */
    public record Reply(String content, List<Call> calls, long promptTokens, long completionTokens, Duration delay) {
        public Reply {
            calls = List.copyOf(calls);
            if (content == null && calls.isEmpty()) {
                throw new IllegalArgumentException("a reply has content or calls");
            }
        }

        /** a final text answer. */
        public static Reply answer(String text) {
            return new Reply(text, List.of(), 100, 10, Duration.ZERO);
        }

        /** one call with its arguments as json text. */
        public static Reply call(String name, String arguments) {
            return new Reply(null, List.of(new Call(name, arguments)), 100, 10, Duration.ZERO);
        }

        /** several calls in one answer. */
        public static Reply calls(Call... calls) {
            return new Reply(null, List.of(calls), 100, 10, Duration.ZERO);
        }

        public Reply withUsage(long prompt, long completion) {
            return new Reply(content, calls, prompt, completion, delay);
        }

        public Reply after(Duration wait) {
            return new Reply(content, calls, promptTokens, completionTokens, wait);
        }
    }

    private final HttpServer server;
    private final String model;
    private final Deque<Reply> queue = new ArrayDeque<>();
    private final List<JsonNode> received = new ArrayList<>();
    private final List<Duration> served = new ArrayList<>();
    private Script fallback;

    private ScriptedChatServer(String model) throws IOException {
        this.model = model;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v1/chat/completions", this::complete);
        server.createContext("/v1/models", exchange -> {
            ObjectNode list = Json.MAPPER.createObjectNode().put("object", "list");
            list.putArray("data").addObject().put("id", model).put("object", "model");
            send(exchange, 200, list);
        });
        server.start();
    }

    /** a server whose answers name {@code model}. */
    public static ScriptedChatServer start(String model) {
        try {
            return new ScriptedChatServer(model);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** the api base url: {@code http://127.0.0.1:PORT/v1}. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** queues {@code replies}, answered in order. */
    public synchronized ScriptedChatServer then(Reply... replies) {
        queue.addAll(List.of(replies));
        return this;
    }

    /** answers with {@code script} once the queue is empty. */
    public synchronized ScriptedChatServer otherwise(Script script) {
        fallback = script;
        return this;
    }

    /** forgets the queue, the fallback and what was received: a fresh script for the next test. */
    public synchronized ScriptedChatServer reset() {
        queue.clear();
        received.clear();
        served.clear();
        fallback = null;
        return this;
    }

    /** every request body so far, in order. */
    public synchronized List<JsonNode> received() {
        return List.copyOf(received);
    }

    /** how long each answer took to serve, delays included, in order. */
    public synchronized List<Duration> served() {
        return List.copyOf(served);
    }

    private void complete(HttpExchange exchange) throws IOException {
        long start = System.nanoTime();
        JsonNode request;
        try {
            request = Json.parse(exchange.getRequestBody().readAllBytes());
        } catch (RpcException e) {
            send(exchange, 400, error("the body is not json: " + e.getMessage()));
            return;
        }
        Reply reply;
        int index;
        synchronized (this) {
            index = received.size();
            received.add(request);
            reply = queue.poll();
            if (reply == null && fallback != null) {
                reply = fallback.reply(request, index);
            }
        }
        if (reply == null) {
            send(exchange, 500, error("no reply scripted for request " + index));
            record(start);
            return;
        }
        try {
            Thread.sleep(reply.delay());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        send(exchange, 200, completion(reply, index));
        record(start);
    }

    private synchronized void record(long start) {
        served.add(Duration.ofNanos(System.nanoTime() - start));
    }

    private ObjectNode completion(Reply reply, int index) {
        ObjectNode body = Json.MAPPER.createObjectNode().put("id", "chatcmpl-" + index).put("object", "chat.completion")
                .put("model", model);
        ObjectNode choice = body.putArray("choices").addObject().put("index", 0)
                .put("finish_reason", reply.calls().isEmpty() ? "stop" : "tool_calls");
        ObjectNode message = choice.putObject("message").put("role", "assistant").put("content", reply.content());
        if (!reply.calls().isEmpty()) {
            ArrayNode calls = message.putArray("tool_calls");
            for (int i = 0; i < reply.calls().size(); i++) {
                Call call = reply.calls().get(i);
                calls.addObject().put("id", "call_" + index + "_" + i).put("type", "function").putObject("function")
                        .put("name", call.name()).put("arguments", call.arguments());
            }
        }
        body.putObject("usage").put("prompt_tokens", reply.promptTokens()).put("completion_tokens", reply.completionTokens())
                .put("total_tokens", reply.promptTokens() + reply.completionTokens());
        return body;
    }

    private static ObjectNode error(String message) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.putObject("error").put("message", message).put("type", "server_error");
        return body;
    }

    private static void send(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        byte[] bytes = Json.toBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    /** the text of every message of {@code request}, joined: what the model was shown. */
    public static String shown(JsonNode request) {
        StringBuilder text = new StringBuilder();
        for (JsonNode message : request.path("messages")) {
            text.append(message.path("content").asText("")).append('\n');
            for (JsonNode call : message.path("tool_calls")) {
                text.append(call.path("function").path("arguments").asText("")).append('\n');
            }
        }
        return text.toString();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
