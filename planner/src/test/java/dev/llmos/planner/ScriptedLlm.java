package dev.llmos.planner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.llmos.openai.Endpoint;
import dev.llmos.openai.OpenAiConfig;
import dev.llmos.openai.RetryPolicy;
import dev.llmos.protocol.Json;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * an openai-compatible http server on loopback whose assistant answers are scripted: the only way to
 * make an llm answer with a hallucinated field on cue. it records every request it received.
 */
final class ScriptedLlm implements AutoCloseable {
    private final HttpServer server;
    private final Deque<String> answers = new ArrayDeque<>();
    private final List<JsonNode> received = new ArrayList<>();

    ScriptedLlm() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/chat/completions", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String answer;
            synchronized (this) {
                try {
                    received.add(Json.parse(body));
                } catch (dev.llmos.protocol.RpcException e) {
                    received.add(null);
                }
                answer = answers.poll();
            }
            ObjectNode reply = Json.MAPPER.createObjectNode().put("model", "scripted");
            reply.putArray("choices").addObject().put("finish_reason", "stop").putObject("message")
                    .put("role", "assistant").put("content", answer == null ? "{}" : answer);
            byte[] bytes = Json.toBytes(reply);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    synchronized ScriptedLlm answer(String content) {
        answers.add(content);
        return this;
    }

    synchronized List<JsonNode> received() {
        return List.copyOf(received);
    }

    /** the base url of its openai-compatible api. */
    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    ChatBackend backend(String name, boolean remote) {
        Endpoint endpoint = Endpoint.parse(endpoint());
        return ChatBackend.of(name, "scripted-" + name, remote, Decoding.DEFAULT, OpenAiConfig.of(endpoint)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(10)).withRetry(RetryPolicy.NONE));
    }

    static String lastUserMessage(JsonNode request) {
        JsonNode messages = request.path("messages");
        return messages.get(messages.size() - 1).path("content").asText();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
