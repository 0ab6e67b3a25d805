package dev.llmos.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.protocol.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** the openai {@code tools}/{@code tool_calls} format, over a real http server. */
class ToolCallsTest {
    private static final String CALLS = """
            {"model":"tiny","choices":[{"index":0,"finish_reason":"tool_calls","message":{"role":"assistant",
             "content":null,"tool_calls":[
               {"id":"call_a","type":"function","function":{"name":"fs-list","arguments":"{\\"path\\":\\"/tmp\\"}"}},
               {"id":"call_b","type":"function","function":{"name":"sys-info","arguments":{"verbose":true}}}]}}],
             "usage":{"prompt_tokens":30,"completion_tokens":9}}""";

    private static ToolSpec listTool() throws Exception {
        JsonNode schema = Json.MAPPER.readTree("{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\"}},"
                + "\"required\":[\"path\"],\"additionalProperties\":false}");
        return new ToolSpec("fs-list", "lists a directory", schema, true);
    }

    @Test
    void sendsToolsChoiceAndTheHistoryOfCallsAndResults() throws Exception {
        try (StubApi stub = StubApi.onLoopback().then(StubApi.Reply.ok(CALLS));
             OpenAiClient client = OpenAiClient.create(OpenAiConfig.of(
                     Endpoint.parse("http://127.0.0.1:" + stub.port() + "/v1")).withRetry(RetryPolicy.NONE))) {
            List<ChatMessage> chat = List.of(ChatMessage.system("rules"), ChatMessage.user("what is in /tmp"),
                    ChatMessage.assistant(null, List.of(new ToolCall("s1", "fs-list", "{\"path\":\"/tmp\"}"))),
                    ChatMessage.tool("s1", "data"));
            ChatResult result = client.chat(ChatRequest.withTools("tiny", chat, 128, List.of(listTool()),
                    new ToolChoice.Named("fs-list"), 42));
            assertEquals(List.of(new ToolCall("call_a", "fs-list", "{\"path\":\"/tmp\"}"),
                    new ToolCall("call_b", "sys-info", "{\"verbose\":true}")), result.toolCalls());
            assertEquals("", result.content());
            assertEquals("tool_calls", result.finishReason());

            JsonNode body = Json.MAPPER.readTree(stub.received().getFirst().body());
            JsonNode function = body.at("/tools/0/function");
            assertEquals("function", body.at("/tools/0/type").asText());
            assertEquals("fs-list", function.path("name").asText());
            assertEquals("lists a directory", function.path("description").asText());
            assertTrue(function.path("strict").asBoolean());
            assertEquals("string", function.at("/parameters/properties/path/type").asText());
            assertEquals("fs-list", body.at("/tool_choice/function/name").asText());
            JsonNode assistant = body.at("/messages/2");
            assertTrue(assistant.path("content").isNull(), assistant.toString());
            assertEquals("s1", assistant.at("/tool_calls/0/id").asText());
            assertEquals("{\"path\":\"/tmp\"}", assistant.at("/tool_calls/0/function/arguments").asText());
            assertEquals("tool", body.at("/messages/3/role").asText());
            assertEquals("s1", body.at("/messages/3/tool_call_id").asText());
        }
    }

    @Test
    void aRequestWithoutToolsSendsNone() throws Exception {
        String text = "{\"model\":\"m\",\"choices\":[{\"finish_reason\":\"stop\",\"message\":{\"content\":\"hi\"}}]}";
        try (StubApi stub = StubApi.onLoopback().then(StubApi.Reply.ok(text));
             OpenAiClient client = OpenAiClient.create(OpenAiConfig.of(
                     Endpoint.parse("http://127.0.0.1:" + stub.port() + "/v1")).withRetry(RetryPolicy.NONE))) {
            ChatResult result = client.chat(ChatRequest.withTools("m", List.of(ChatMessage.user("x")), 8, List.of(),
                    ToolChoice.AUTO, 1));
            assertEquals("hi", result.content());
            assertEquals(List.of(), result.toolCalls());
            JsonNode body = Json.MAPPER.readTree(stub.received().getFirst().body());
            assertTrue(body.path("tools").isMissingNode() && body.path("tool_choice").isMissingNode(), body.toString());
        }
    }

    @Test
    void aCallWithoutANameIsAProtocolError() throws Exception {
        String text = "{\"choices\":[{\"message\":{\"tool_calls\":[{\"id\":\"x\",\"function\":{\"arguments\":\"{}\"}}]}}]}";
        try (StubApi stub = StubApi.onLoopback().then(StubApi.Reply.ok(text));
             OpenAiClient client = OpenAiClient.create(OpenAiConfig.of(
                     Endpoint.parse("http://127.0.0.1:" + stub.port() + "/v1")).withRetry(RetryPolicy.NONE))) {
            OpenAiException e = assertThrows(OpenAiException.class, () -> client.chat(ChatRequest.withTools("m",
                    List.of(ChatMessage.user("x")), 8, List.of(listTool()), ToolChoice.AUTO, 1)));
            assertEquals(OpenAiException.Kind.PROTOCOL, e.kind());
            assertTrue(e.getMessage().contains("tool_calls[0] has no function name"), e.getMessage());
        }
    }

    @Test
    void messagesAndRequestsRefuseWhatTheFormatCannotCarry() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> new ChatMessage(ChatMessage.Role.USER, null));
        assertThrows(IllegalArgumentException.class, () -> new ChatMessage(ChatMessage.Role.USER, "x",
                List.of(new ToolCall("a", "b", "{}")), null));
        assertThrows(IllegalArgumentException.class, () -> new ChatMessage(ChatMessage.Role.TOOL, "x"));
        assertThrows(IllegalArgumentException.class, () -> new ToolSpec("fs.list", "dots are not allowed",
                Json.MAPPER.createObjectNode(), false));
        ToolSpec tool = listTool();
        assertThrows(IllegalArgumentException.class, () -> ChatRequest.withTools("m", List.of(ChatMessage.user("x")), 8,
                List.of(tool, tool), ToolChoice.AUTO, 1));
        assertThrows(IllegalArgumentException.class, () -> ChatRequest.withTools("m", List.of(ChatMessage.user("x")), 8,
                List.of(tool), new ToolChoice.Named("other"), 1));
    }
}
