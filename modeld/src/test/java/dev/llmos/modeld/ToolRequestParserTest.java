package dev.llmos.modeld;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** tools, tool_choice and the tool messages of a chat, read into plain turns in the hermes format. */
class ToolRequestParserTest {
    private static final String TOOLS = """
            "tools": [{"type": "function", "function": {"name": "fs-list", "description": "lists a folder",
              "parameters": {"type": "object", "properties": {"path": {"type": "string", "maxLength": 64},
              "limit": {"type": "integer"}}, "required": ["path"], "additionalProperties": false}}},
              {"type": "function", "function": {"name": "sys-info", "description": "about the system"}}]""";

    private static ChatCompletionRequest parse(String body) throws ApiException {
        return ChatRequestParser.parse(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aChatWithCallsAndResultsBecomesPlainTurns() throws Exception {
        ChatCompletionRequest request = parse("""
                {"messages": [{"role": "system", "content": "rules"}, {"role": "user", "content": "what is in /tmp"},
                  {"role": "assistant", "content": null, "tool_calls": [{"id": "s1", "type": "function",
                    "function": {"name": "fs-list", "arguments": "{\\"path\\":\\"/tmp\\"}"}}]},
                  {"role": "tool", "tool_call_id": "s1", "content": "a.txt"}], "tool_choice": "required",
                  "parallel_tool_calls": false,""" + TOOLS + "}");
        assertEquals(List.of(new ChatTurn("system", "rules"), new ChatTurn("user", "what is in /tmp"),
                new ChatTurn("assistant", "<tool_call>\n{\"name\": \"fs-list\", \"arguments\": {\"path\":\"/tmp\"}}\n</tool_call>"),
                new ChatTurn("user", "<tool_response>\na.txt\n</tool_response>")), request.turns());
        assertEquals(ToolMode.REQUIRED, request.toolMode());
        assertEquals(false, request.parallelCalls());
        assertEquals(List.of("fs-list", "sys-info"), request.tools().stream().map(ToolDef::name).toList());
        assertTrue(request.callsTools());
        String system = ToolPrompt.system(request.tools());
        assertTrue(system.contains("fs-list(path: string, limit?: integer): lists a folder"), system);
        assertTrue(system.contains("sys-info(): about the system"), system);
    }

    @Test
    void aNamedChoiceMustNameAnOfferedFunctionAndNoneOffersNothing() throws Exception {
        ChatCompletionRequest named = parse("{\"messages\": [{\"role\": \"user\", \"content\": \"x\"}], \"tool_choice\": "
                + "{\"type\": \"function\", \"function\": {\"name\": \"sys-info\"}}," + TOOLS + "}");
        assertEquals(new ToolMode(ToolMode.Kind.NAMED, "sys-info"), named.toolMode());
        ChatCompletionRequest none = parse("{\"messages\": [{\"role\": \"user\", \"content\": \"x\"}], \"tool_choice\": "
                + "\"none\"," + TOOLS + "}");
        assertEquals(false, none.callsTools());
        ApiException unknown = assertThrows(ApiException.class, () -> parse("{\"messages\": [{\"role\": \"user\", "
                + "\"content\": \"x\"}], \"tool_choice\": {\"type\": \"function\", \"function\": {\"name\": \"rm\"}},"
                + TOOLS + "}"));
        assertEquals("tool_choice", unknown.param());
    }

    @Test
    void aSchemaLlamaCppCannotTakeIsRefusedBeforeItCouldAbortTheProcess() {
        ApiException e = assertThrows(ApiException.class, () -> parse("{\"messages\": [{\"role\": \"user\", \"content\": "
                + "\"x\"}], \"tools\": [{\"type\": \"function\", \"function\": {\"name\": \"f\", \"parameters\": "
                + "{\"type\": \"object\", \"properties\": {\"a\": {\"$ref\": \"http://elsewhere\"}}}}}]}"));
        assertEquals("tools[0].function.parameters", e.param());
        assertTrue(e.getMessage().contains("local references"), e.getMessage());
    }

    @Test
    void theGrammarsNameOnlyTheOfferedFunctions() {
        List<ToolDef> tools = List.of(new ToolDef("fs-list", "", "{}"), new ToolDef("sys-info", "", "{}"));
        String decision = ToolGrammar.decision(tools, ToolMode.AUTO);
        assertTrue(decision.startsWith("root ::= call | answer\n"), decision);
        assertTrue(decision.contains("name ::= \"fs-list\" | \"sys-info\"\n"), decision);
        assertTrue(ToolGrammar.decision(tools, new ToolMode(ToolMode.Kind.NAMED, "sys-info"))
                .contains("name ::= \"sys-info\"\n"));
        assertTrue(ToolGrammar.more(tools).startsWith("root ::= (\"\\n\" call)?\n"));
        assertEquals("\"a\\\"b\\\\c\\n\"", ToolGrammar.literal("a\"b\\c\n"));
        Map<String, ToolDef> byName = Map.of("fs-list", tools.getFirst());
        assertEquals("fs-list", ToolDecoder.name("<tool_call>\n{\"name\": \"fs-list\"", byName));
        assertNull(ToolDecoder.name("<tool_call>\n{\"name\": \"fs-li", byName));
        assertNull(ToolDecoder.name("<tool_call>\n{\"name\": \"rm\"", byName));
    }
}
