package dev.llmos.modeld;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.openai.ChatMessage;
import dev.llmos.openai.ChatRequest;
import dev.llmos.openai.ChatResult;
import dev.llmos.openai.Endpoint;
import dev.llmos.openai.JsonSchemaFormat;
import dev.llmos.openai.OpenAiClient;
import dev.llmos.openai.OpenAiConfig;
import dev.llmos.openai.RetryPolicy;
import dev.llmos.openai.ToolCall;
import dev.llmos.openai.ToolChoice;
import dev.llmos.openai.ToolSpec;
import dev.llmos.protocol.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * one real llm-modeld process per subclass, bound to a socket in a temporary directory, driven
 * through {@link OpenAiClient} like the daemon's planner does, from dormant to its idle exit.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class ModeldServerContract {
    private static final Duration IDLE_EXIT = Duration.ofSeconds(6);

    private Path dir;
    private Path socket;
    private ModeldProcess process;
    private OpenAiClient client;
    private RawHttp raw;
    private long rssBeforeLoad;

    abstract TestModel testModel();

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("llmos-modeld-");
        socket = dir.resolve("modeld.sock");
        process = ModeldProcess.start(ModeldProcess.javaCommand(ModeldProcess.modeldArgs(testModel(), socket, IDLE_EXIT)),
                dir.resolve("modeld.log"));
        process.awaitListening(socket, Duration.ofSeconds(90));
        client = OpenAiClient.create(OpenAiConfig.of(new Endpoint.UnixSocket(socket)).withRetry(RetryPolicy.NONE));
        raw = new RawHttp(socket);
    }

    @AfterAll
    void stop() throws Exception {
        raw.close();
        client.close();
        process.close();
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(dir);
    }

    static ChatRequest planRequest() {
        JsonNode schema = Json.MAPPER.valueToTree(parse(PlanSchema.JSON));
        return ChatRequest.deterministic("local", List.of(ChatMessage.system(PlanSchema.SYSTEM), ChatMessage.user(PlanSchema.USER)),
                PlanSchema.MAX_TOKENS, new JsonSchemaFormat("plan", schema, true), 42);
    }

    private static JsonNode parse(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @Order(1)
    void theModelIsNotLoadedBeforeTheFirstRequest() throws Exception {
        RawHttp.Reply health = raw.get("/health");
        assertEquals(200, health.status());
        assertEquals("dormant", health.body().path("state").asText(), health.body().toString());
        assertEquals("bound", health.body().path("activation").asText());
        assertEquals(List.of(testModel().name()), client.models(), "listing models must not load one");
        assertEquals("dormant", raw.get("/health").body().path("state").asText());
        assertFalse(process.log().contains("loading"), process.log());
        rssBeforeLoad = process.rssKib().orElseThrow();
    }

    @Test
    @Order(2)
    void aChatCompletionFollowsTheJsonSchema() throws Exception {
        ChatResult result = client.chat(planRequest());
        assertEquals("stop", result.finishReason(), result.content());
        assertEquals(Set.of(), SchemaCheck.errors(PlanSchema.JSON, result.content()), result.content());
        assertEquals(testModel().name(), result.model());
        assertTrue(result.promptTokens() > 0 && result.completionTokens() > 0, result.toString());
        assertEquals("loaded", raw.get("/health").body().path("state").asText());
        assertTrue(process.log().contains("loaded " + testModel().name()), process.log());
        long rssAfterLoad = process.rssKib().orElseThrow();
        assertTrue(rssAfterLoad > rssBeforeLoad, "rss before load " + rssBeforeLoad + " kib, after " + rssAfterLoad);
    }

    @Test
    @Order(3)
    void theSameRequestTwiceGivesByteIdenticalContent() throws Exception {
        String first = client.chat(planRequest()).content();
        assertEquals(first, client.chat(planRequest()).content());
    }

    @Test
    @Order(3)
    void toolCallsComeBackInTheOpenAiFormatWithArgumentsValidForTheirFunction() throws Exception {
        List<ToolSpec> tools = new java.util.ArrayList<>();
        for (ToolDef tool : ToolCallingContract.TOOLS) {
            tools.add(new ToolSpec(tool.name(), tool.description(), parse(tool.parameters()), true));
        }
        ChatRequest request = ChatRequest.withTools("local", List.of(ChatMessage.system("you operate a machine"),
                ChatMessage.user("what is in /var/log")), 256, tools, ToolChoice.REQUIRED, 42);
        ChatResult result = client.chat(request);
        assertEquals("tool_calls", result.finishReason(), result.toString());
        assertFalse(result.toolCalls().isEmpty());
        for (ToolCall call : result.toolCalls()) {
            ToolDef tool = ToolCallingContract.BY_NAME.get(call.name());
            assertTrue(tool != null, call.name());
            assertEquals(Set.of(), SchemaCheck.errors(tool.parameters(), call.arguments()), call.arguments());
            assertTrue(call.id().startsWith("call_0_"), call.id());
        }
        assertEquals(result, client.chat(request), "the same request, the same calls");
        ToolCall first = result.toolCalls().getFirst();
        ChatResult next = client.chat(ChatRequest.withTools("local", List.of(ChatMessage.system("you operate a machine"),
                ChatMessage.user("what is in /var/log"), ChatMessage.assistant(null, List.of(first)),
                ChatMessage.tool(first.id(), "nothing there")), 256, tools, ToolChoice.AUTO, 42));
        assertTrue(next.toolCalls().isEmpty() ? !next.content().isEmpty() : next.toolCalls().getFirst().id().startsWith("call_1_"),
                next.toString());
    }

    @Test
    @Order(4)
    void errorsAreOpenAiStyleJsonWithAMatchingStatus() throws Exception {
        String user = "{\"role\": \"user\", \"content\": \"x\"}";
        assertError(raw.post("/v1/chat/completions", "{not json"), 400, "invalid_request_error");
        assertError(raw.post("/v1/chat/completions", "{\"messages\": [" + user + "], \"stream\": true}"), 400, "invalid_request_error");
        RawHttp.Reply schema = raw.post("/v1/chat/completions", "{\"messages\": [" + user + "], \"response_format\":"
                + " {\"type\": \"json_schema\", \"json_schema\": {\"name\": \"x\", \"schema\": {\"type\": \"foo\"}}}}");
        assertError(schema, 400, "invalid_request_error");
        assertTrue(schema.body().path("error").path("message").asText().contains("unsupported json schema"), schema.body().toString());
        assertError(raw.get("/v1/chat/completions"), 405, "invalid_request_error");
        assertError(raw.get("/v2/nothing"), 404, "not_found_error");
        assertEquals("loaded", raw.get("/health").body().path("state").asText(), "the server survives bad requests");
    }

    private static void assertError(RawHttp.Reply reply, int status, String type) {
        assertEquals(status, reply.status(), reply.body().toString());
        assertEquals(type, reply.body().path("error").path("type").asText(), reply.body().toString());
        assertFalse(reply.body().path("error").path("message").asText().isBlank());
    }

    @Test
    @Order(5)
    void theProcessExitsByItselfAfterTheIdleTimeout() throws Exception {
        assertTrue(process.awaitExit(IDLE_EXIT.plusSeconds(15)), "still running: " + process.log());
        assertEquals(0, process.exitValue(), process.log());
        assertFalse(Files.exists(socket), "the socket file it bound is removed");
        assertTrue(process.log().contains("idle for " + IDLE_EXIT.toSeconds() + " s, exiting"), process.log());
    }
}
