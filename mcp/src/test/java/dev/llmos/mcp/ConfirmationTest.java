package dev.llmos.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.protocol.ErrorCodes;
import dev.llmos.protocol.Json;
import dev.llmos.protocol.RpcError;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfirmationTest {
    private static final String TOKEN = "tok-8f3a1c";

    private static Confirmation ask(String paramsJson) throws Exception {
        JsonNode params = Json.parse(paramsJson.getBytes(StandardCharsets.UTF_8));
        JsonNode data = Json.parse(("{\"confirm\":\"" + TOKEN + "\",\"reason\":\"changes need confirmation\","
                + "\"preview\":{\"action\":\"fs.write\",\"preview\":{\"summary\":\"create /tmp/x (2 bytes)\"}}}")
                .getBytes(StandardCharsets.UTF_8));
        return Confirmation.of("fs.write", params, new RpcError(ErrorCodes.CONFIRMATION_REQUIRED,
                "confirmation required: changes need confirmation", data));
    }

    /** the words a posix shell makes of {@code command}, each printed and split back here. */
    private static List<String> wordsAfterTheShell(String command) throws Exception {
        Process shell = new ProcessBuilder("/bin/sh", "-c", "set -- " + command.substring(command.indexOf(' ') + 1)
                + "; for a; do printf '%s\\0' \"$a\"; done").start();
        String out = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, shell.waitFor());
        List<String> words = new ArrayList<>(List.of(command.substring(0, command.indexOf(' '))));
        words.addAll(List.of(out.split("\0")));
        return words;
    }

    @Test
    void theCommandForAPersonIsExactlyTheActionAfterTheShellReadsIt() throws Exception {
        Confirmation confirmation = ask("{\"path\":\"/tmp/it's here; rm -rf ~\",\"content\":\"$(id) `id` \\\"x\\\"\\n\"}");
        String command = confirmation.command(List.of("llmsh", "--socket", "/run/my dir/llm-osd.sock"));
        List<String> words = wordsAfterTheShell(command);
        assertEquals(List.of("llmsh", "--socket", "/run/my dir/llm-osd.sock", "do", "fs.write", "--params"),
                words.subList(0, 6));
        assertEquals(confirmation.params(), Json.parse(words.get(6).getBytes(StandardCharsets.UTF_8)));
        assertEquals(7, words.size());
    }

    @Test
    void theTokenReachesNeitherTheModelNorThePerson() throws Exception {
        Confirmation confirmation = ask("{\"path\":\"/tmp/x\",\"content\":\"hi\"}");
        McpSchema.CallToolResult forModel = confirmation.needsPerson(List.of("llmsh"));
        assertTrue(forModel.isError());
        String text = ((McpSchema.TextContent) forModel.content().getFirst()).text();
        assertTrue(text.contains("create /tmp/x (2 bytes)"), text);
        assertTrue(text.contains("llmsh do fs.write --params"), text);
        assertFalse(text.contains(TOKEN), text);
        assertFalse(confirmation.elicitation().message().contains(TOKEN));
        assertFalse(confirmation.toString().contains(TOKEN));
        assertFalse(confirmation.declined(null).toString().contains(TOKEN));
    }

    @Test
    void theElicitationShowsThePreviewAndAsksYesOrNo() throws Exception {
        McpSchema.ElicitFormRequest request = ask("{\"path\":\"/tmp/x\",\"content\":\"hi\"}").elicitation();
        assertTrue(request.message().contains("create /tmp/x (2 bytes)"), request.message());
        assertTrue(request.message().contains("changes need confirmation"), request.message());
        assertEquals(List.of("confirm"), request.requestedSchema().get("required"));
        @SuppressWarnings("unchecked")
        Map<String, Object> confirm = (Map<String, Object>) ((Map<String, Object>) request.requestedSchema()
                .get("properties")).get("confirm");
        assertEquals("boolean", confirm.get("type"));
        assertTrue(new SchemaValidator().validateSchema(request.requestedSchema()).valid());
    }

    @Test
    void onlyAnExplicitYesConfirms() {
        var accept = McpSchema.ElicitResult.Action.ACCEPT;
        assertTrue(Confirmation.confirmed(new McpSchema.ElicitResult(accept, Map.of("confirm", true))));
        assertFalse(Confirmation.confirmed(new McpSchema.ElicitResult(accept, Map.of("confirm", false))));
        assertFalse(Confirmation.confirmed(new McpSchema.ElicitResult(accept, Map.of("confirm", "true"))));
        assertFalse(Confirmation.confirmed(new McpSchema.ElicitResult(accept, Map.of("username", "x"))));
        assertFalse(Confirmation.confirmed(new McpSchema.ElicitResult(accept, null)));
        assertFalse(Confirmation.confirmed(new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.DECLINE,
                Map.of("confirm", true))));
        assertFalse(Confirmation.confirmed(null));
    }

    @Test
    void aLongPreviewIsCut() throws Exception {
        String big = "x".repeat(Confirmation.MAX_PREVIEW_CHARS * 2);
        Confirmation confirmation = new Confirmation("fs.write", Json.MAPPER.createObjectNode(), "why",
                Json.MAPPER.createObjectNode().put("diff", big), TOKEN);
        assertTrue(confirmation.elicitation().message().length() < Confirmation.MAX_PREVIEW_CHARS + 200);
    }
}
