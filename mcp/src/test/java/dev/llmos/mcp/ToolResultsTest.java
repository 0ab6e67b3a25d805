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
import java.util.Map;
import org.junit.jupiter.api.Test;

class ToolResultsTest {
    private static String text(McpSchema.CallToolResult result) {
        return ((McpSchema.TextContent) result.content().getFirst()).text();
    }

    @Test
    void aResultIsTheActionResultAsStructuredContentAndAsText() throws Exception {
        JsonNode result = Json.parse("""
                {"txid":"tx-1","action":"sys.info","status":"ok","output":{"hostname":"h"},"undo":{"available":false}}"""
                .getBytes(StandardCharsets.UTF_8));
        McpSchema.CallToolResult call = ToolResults.success(result);
        assertFalse(call.isError());
        assertEquals(result, Json.MAPPER.valueToTree(call.structuredContent()));
        assertEquals(result, Json.parse(text(call).getBytes(StandardCharsets.UTF_8)));
        assertTrue(new SchemaValidator().validate(ActionTools.OUTPUT_SCHEMA, call.structuredContent()).valid());
    }

    @Test
    void anErrorKeepsWhatHelpsAModelCorrectItselfAndNothingElse() throws Exception {
        JsonNode data = Json.parse("{\"pointer\":\"/params/params/bogus\",\"confirm\":\"secret-token\",\"other\":1}"
                .getBytes(StandardCharsets.UTF_8));
        McpSchema.CallToolResult call = ToolResults.daemonError("fs.list",
                new RpcError(ErrorCodes.INVALID_PARAMS, "fs.list: unknown field /params/params/bogus", data));
        assertTrue(call.isError());
        assertEquals("invalid arguments: fs.list: unknown field /params/params/bogus\n{\"pointer\":\"/params/params/bogus\"}",
                text(call));
    }

    @Test
    void aDenialSaysItWasPolicyAndWhy() throws Exception {
        JsonNode data = Json.MAPPER.valueToTree(Map.of("reason", "protected path"));
        String text = text(ToolResults.daemonError("fs.delete", new RpcError(ErrorCodes.DENIED, "denied: protected path", data)));
        assertTrue(text.startsWith("llm-os policy denied fs.delete: protected path\n"), text);
    }
}
