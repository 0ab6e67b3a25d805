package dev.llmos.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.protocol.Json;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenAiClientTest {
    private static final String ANSWER = """
            {"id":"c1","object":"chat.completion","model":"tiny","choices":[{"index":0,
             "message":{"role":"assistant","content":"{\\"action\\":\\"disk.usage\\"}"},"finish_reason":"stop"}],
             "usage":{"prompt_tokens":12,"completion_tokens":7,"total_tokens":19}}""";
    private static final ApiKey KEY = new ApiKey("sk-test-0123456789");

    @TempDir
    Path dir;

    private final List<Duration> sleeps = new ArrayList<>();

    private OpenAiClient client(OpenAiConfig config) {
        return new OpenAiClient(config, sleeps::add);
    }

    private static ChatRequest request() {
        JsonNode schema = Json.MAPPER.createObjectNode().put("type", "object");
        return ChatRequest.deterministic("tiny", List.of(ChatMessage.system("plan"), ChatMessage.user("disk?")), 64,
                new JsonSchemaFormat("plan", schema, true), 42);
    }

    @Test
    void sendsTheOpenAiWireFormatOverAUnixSocketAndReadsTheFirstChoice() throws Exception {
        Path socket = dir.resolve("api.sock");
        try (StubApi stub = StubApi.onUnixSocket(socket).then(StubApi.Reply.ok(ANSWER));
             OpenAiClient client = client(OpenAiConfig.of(Endpoint.parse("unix:" + socket)).withApiKey(KEY))) {
            ChatResult result = client.chat(request());
            assertEquals(new ChatResult("{\"action\":\"disk.usage\"}", "stop", "tiny", 12, 7), result);
            StubApi.Received sent = stub.received().getFirst();
            assertEquals("POST", sent.method());
            assertEquals("/v1/chat/completions", sent.path());
            assertEquals("Bearer " + KEY.value(), sent.authorization());
            JsonNode body = Json.MAPPER.readTree(sent.body());
            assertEquals("tiny", body.path("model").asText());
            assertEquals("system", body.path("messages").path(0).path("role").asText());
            assertEquals("disk?", body.path("messages").path(1).path("content").asText());
            assertEquals(64, body.path("max_tokens").asInt());
            assertEquals(0.0, body.path("temperature").asDouble());
            assertEquals(42, body.path("seed").asLong());
            assertEquals("json_schema", body.path("response_format").path("type").asText());
            assertEquals("plan", body.path("response_format").path("json_schema").path("name").asText());
            assertTrue(body.path("response_format").path("json_schema").path("strict").asBoolean());
            assertEquals("object", body.path("response_format").path("json_schema").path("schema").path("type").asText());
            assertFalse(body.path("stream").asBoolean());
        }
    }

    @Test
    void worksOverHttpWithoutAKey() throws Exception {
        try (StubApi stub = StubApi.onLoopback().then(StubApi.Reply.ok(ANSWER))) {
            Endpoint endpoint = Endpoint.parse("http://127.0.0.1:" + stub.port() + "/v1");
            try (OpenAiClient client = client(OpenAiConfig.of(endpoint))) {
                assertEquals("stop", client.chat(request()).finishReason());
                assertEquals("/v1/chat/completions", stub.received().getFirst().path());
                assertEquals(null, stub.received().getFirst().authorization());
            }
        }
    }

    @Test
    void retriesServerErrorsWithDoublingBackoff() throws Exception {
        Path socket = dir.resolve("api.sock");
        String busy = "{\"error\":{\"message\":\"loading\",\"type\":\"server_error\"}}";
        try (StubApi stub = StubApi.onUnixSocket(socket)
                .then(StubApi.Reply.status(503, busy)).then(StubApi.Reply.status(500, busy)).then(StubApi.Reply.ok(ANSWER));
             OpenAiClient client = client(OpenAiConfig.of(new Endpoint.UnixSocket(socket)))) {
            assertEquals("stop", client.chat(request()).finishReason());
            assertEquals(3, stub.received().size());
            assertEquals(List.of(Duration.ofMillis(250), Duration.ofMillis(500)), sleeps);
        }
    }

    @Test
    void honoursRetryAfterWithinTheCap() throws Exception {
        Path socket = dir.resolve("api.sock");
        StubApi.Reply limited = new StubApi.Reply(429, "{\"error\":{\"message\":\"slow down\"}}",
                Map.of("Retry-After", "60"), Duration.ZERO);
        try (StubApi stub = StubApi.onUnixSocket(socket).then(limited).then(StubApi.Reply.ok(ANSWER));
             OpenAiClient client = client(OpenAiConfig.of(new Endpoint.UnixSocket(socket)))) {
            client.chat(request());
            assertEquals(List.of(RetryPolicy.DEFAULT.maxBackoff()), sleeps);
            assertEquals(2, stub.received().size());
        }
    }

    @Test
    void clientErrorsFailAtOnceWithTheServersMessageAndNoKey() throws Exception {
        Path socket = dir.resolve("api.sock");
        String invalid = "{\"error\":{\"message\":\"max_tokens must be positive\",\"type\":\"invalid_request_error\"}}";
        try (StubApi stub = StubApi.onUnixSocket(socket).then(StubApi.Reply.status(400, invalid));
             OpenAiClient client = client(OpenAiConfig.of(new Endpoint.UnixSocket(socket)).withApiKey(KEY))) {
            OpenAiException e = assertThrows(OpenAiException.class, () -> client.chat(request()));
            assertEquals(OpenAiException.Kind.HTTP, e.kind());
            assertEquals(400, e.status());
            assertTrue(e.getMessage().contains("max_tokens must be positive"), e.getMessage());
            assertFalse(e.getMessage().contains(KEY.value()));
            assertEquals(1, stub.received().size());
            assertTrue(sleeps.isEmpty());
        }
    }

    @Test
    void connectionFailuresAreRetriedThenReported() throws Exception {
        Path socket = dir.resolve("nobody-listens.sock");
        try (OpenAiClient client = client(OpenAiConfig.of(new Endpoint.UnixSocket(socket)).withApiKey(KEY))) {
            OpenAiException e = assertThrows(OpenAiException.class, () -> client.chat(request()));
            assertEquals(OpenAiException.Kind.CONNECTION, e.kind());
            assertEquals(2, sleeps.size());
            assertFalse(e.getMessage().contains(KEY.value()));
        }
    }

    @Test
    void aSlowAnswerTimesOutWithoutRetry() throws Exception {
        Path socket = dir.resolve("api.sock");
        StubApi.Reply slow = new StubApi.Reply(200, ANSWER, Map.of(), Duration.ofSeconds(2));
        OpenAiConfig config = OpenAiConfig.of(new Endpoint.UnixSocket(socket))
                .withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(300));
        try (StubApi stub = StubApi.onUnixSocket(socket).then(slow);
             OpenAiClient client = client(config)) {
            OpenAiException e = assertThrows(OpenAiException.class, () -> client.chat(request()));
            assertEquals(OpenAiException.Kind.TIMEOUT, e.kind());
            assertTrue(sleeps.isEmpty());
        }
    }

    @Test
    void anAnswerWithoutContentIsAProtocolError() throws Exception {
        Path socket = dir.resolve("api.sock");
        String refusal = "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":null,\"refusal\":\"no\"}}]}";
        try (StubApi stub = StubApi.onUnixSocket(socket).then(StubApi.Reply.ok(refusal)).then(StubApi.Reply.ok("not json"));
             OpenAiClient client = client(OpenAiConfig.of(new Endpoint.UnixSocket(socket)))) {
            OpenAiException refused = assertThrows(OpenAiException.class, () -> client.chat(request()));
            assertEquals(OpenAiException.Kind.PROTOCOL, refused.kind());
            assertTrue(refused.getMessage().contains("refused"), refused.getMessage());
            assertEquals(OpenAiException.Kind.PROTOCOL, assertThrows(OpenAiException.class, () -> client.chat(request())).kind());
        }
    }

    @Test
    void listsModels() throws Exception {
        Path socket = dir.resolve("api.sock");
        String models = "{\"object\":\"list\",\"data\":[{\"id\":\"tiny\",\"object\":\"model\"}]}";
        try (StubApi stub = StubApi.onUnixSocket(socket).then(StubApi.Reply.ok(models));
             OpenAiClient client = client(OpenAiConfig.of(new Endpoint.UnixSocket(socket)))) {
            assertEquals(List.of("tiny"), client.models());
            assertEquals("/v1/models", stub.received().getFirst().path());
        }
    }

    @Test
    void keysAndConfigsNeverPrintTheSecret() {
        OpenAiConfig config = OpenAiConfig.of(Endpoint.parse("https://api.example.org/v1")).withApiKey(KEY);
        assertFalse(config.toString().contains(KEY.value()), config.toString());
        assertThrows(IllegalArgumentException.class, () -> new ApiKey("two words"));
    }

    @Test
    void parsesEndpoints() {
        assertInstanceOf(Endpoint.UnixSocket.class, Endpoint.parse("/run/llm-modeld/llm-modeld.sock"));
        assertEquals(Path.of("/run/m.sock"), ((Endpoint.UnixSocket) Endpoint.parse("unix:/run/m.sock")).socket());
        assertEquals(URI.create("http://h:1/v1/chat/completions"), Endpoint.parse("http://h:1/v1").resolve("chat/completions"));
        assertEquals(URI.create("http://h:1/v1/models"), Endpoint.parse("http://h:1/v1/").resolve("models"));
        assertThrows(IllegalArgumentException.class, () -> Endpoint.parse("ftp://h/v1"));
        assertThrows(IllegalArgumentException.class, () -> Endpoint.parse("relative.sock"));
    }

    @Test
    void backoffDoublesAndIsCapped() {
        RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(100), Duration.ofMillis(300));
        assertEquals(Duration.ofMillis(100), policy.delayAfter(1, Optional.empty()));
        assertEquals(Duration.ofMillis(200), policy.delayAfter(2, Optional.empty()));
        assertEquals(Duration.ofMillis(300), policy.delayAfter(3, Optional.empty()));
        assertEquals(Duration.ofMillis(300), policy.delayAfter(2, Optional.of(Duration.ofSeconds(9))));
        assertEquals(Optional.of(Duration.ofSeconds(3)), OpenAiClient.retryAfter("3"));
        assertEquals(Optional.empty(), OpenAiClient.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT"));
        assertEquals(OptionalLong.empty(), new ChatRequest("m", List.of(ChatMessage.user("x")), 1, 0,
                OptionalLong.empty(), Optional.empty()).seed());
    }
}
