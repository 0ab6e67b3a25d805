package dev.llmos.modeld;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * function calling on real llama.cpp, decoded in steps (name first, then that function's own
 * grammar): every call names an offered function and its arguments pass that function's schema, by
 * an independent validator; the same request gives the same calls. one model load per subclass.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ToolCallingContract {
    static final List<ToolDef> TOOLS = List.of(
            new ToolDef("fs-list", "list the files in a folder", """
                    {"type": "object", "properties": {"path": {"type": "string", "maxLength": 40},
                     "limit": {"type": "integer", "minimum": 1, "maximum": 100}},
                     "required": ["path"], "additionalProperties": false}"""),
            new ToolDef("proc-signal", "send a signal to a process", """
                    {"type": "object", "properties": {"pid": {"type": "integer", "minimum": 2, "maximum": 99999},
                     "signal": {"type": "string", "enum": ["term", "kill", "hup"]}},
                     "required": ["pid", "signal"], "additionalProperties": false}"""),
            new ToolDef("sys-info", "about this machine", "{\"type\": \"object\", \"properties\": {}, "
                    + "\"additionalProperties\": false}"));
    static final Map<String, ToolDef> BY_NAME = TOOLS.stream().collect(Collectors.toMap(ToolDef::name, Function.identity()));
    static final int MAX_TOKENS = 256;

    private LocalModel model;
    private String prompt;

    abstract TestModel testModel();

    @BeforeAll
    void load() throws ModelException {
        TestModel testModel = testModel();
        model = LocalModel.load(ModelConfig.of(testModel.file()).withThreads(testModel.threads()).withContextSize(4096));
        prompt = model.chatPrompt(List.of(new ChatTurn(ChatTurn.SYSTEM, ToolPrompt.system(TOOLS)),
                new ChatTurn(ChatTurn.USER, "what is in /var/log, and which process uses it")));
    }

    @AfterAll
    void close() {
        model.close();
    }

    private ToolDecoder.Decoded decode(ToolMode mode, boolean parallel) throws ModelException {
        return ToolDecoder.decode(model, prompt, TOOLS, mode, parallel, MAX_TOKENS, Sampling.GREEDY);
    }

    private static void assertValid(ToolDecoder.Decoded decoded) {
        assertFalse(decoded.calls().isEmpty(), String.valueOf(decoded));
        for (ToolDecoder.Call call : decoded.calls()) {
            ToolDef tool = BY_NAME.get(call.name());
            assertTrue(tool != null, "an offered function: " + call.name());
            assertEquals(Set.of(), SchemaCheck.errors(tool.parameters(), call.arguments()), call.arguments());
        }
    }

    @Test
    void requiredCallsNameOfferedFunctionsWithArgumentsValidForEach() throws Exception {
        ToolDecoder.Decoded decoded = decode(ToolMode.REQUIRED, true);
        assertValid(decoded);
        assertEquals("tool_calls", decoded.finishReason());
        assertNull(decoded.content());
        assertTrue(decoded.calls().size() <= ToolDecoder.MAX_CALLS);
        assertTrue(decoded.promptTokens() > 0 && decoded.completionTokens() > 0, decoded.toString());
    }

    @Test
    void aNamedChoiceCallsThatFunctionAndParallelOffMakesOneCall() throws Exception {
        ToolDecoder.Decoded decoded = decode(new ToolMode(ToolMode.Kind.NAMED, "proc-signal"), false);
        assertValid(decoded);
        assertEquals(1, decoded.calls().size());
        assertEquals("proc-signal", decoded.calls().getFirst().name());
    }

    @Test
    void theSameRequestGivesTheSameTurn() throws Exception {
        assertEquals(decode(ToolMode.AUTO, true), decode(ToolMode.AUTO, true));
        assertEquals(decode(ToolMode.REQUIRED, true), decode(ToolMode.REQUIRED, true));
    }

    @Test
    void autoAnswersInTextOrCallsValidly() throws Exception {
        ToolDecoder.Decoded decoded = decode(ToolMode.AUTO, true);
        if (decoded.calls().isEmpty()) {
            assertFalse(decoded.content().startsWith("<"), decoded.content());
        } else {
            assertValid(decoded);
        }
    }

    @Test
    void aTokenLimitThatCutsTheArgumentsSaysLength() throws Exception {
        ToolDecoder.Decoded cut = ToolDecoder.decode(model, prompt, TOOLS, new ToolMode(ToolMode.Kind.NAMED, "fs-list"),
                true, 12, Sampling.GREEDY);
        assertEquals(Completion.LENGTH, cut.finishReason(), cut.toString());
    }
}
