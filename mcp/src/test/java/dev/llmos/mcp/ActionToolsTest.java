package dev.llmos.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.protocol.Json;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ActionToolsTest {
    private static final SchemaValidator VALIDATOR = new SchemaValidator();

    private static JsonNode json(String text) throws Exception {
        return Json.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode entry(String risk) throws Exception {
        return json("""
                {"name":"fs.write","description":"write a file","risk":"%s",
                 "examples":["write hello to notes.txt","save this text","create a file","a fourth one"],
                 "params_schema":{"type":"object","properties":{"path":{"type":"string","maxLength":4096},
                   "mode":{"type":"string","enum":["create","append"],"default":"create"}},
                   "required":["path"],"additionalProperties":false},
                 "path_params":{"path":"target"}}""".formatted(risk));
    }

    @Test
    void theInputSchemaIsTheParamsSchemaWithItsDialectNamedAndNothingLoosened() throws Exception {
        JsonNode entry = entry("write");
        McpSchema.Tool tool = ActionTools.tool(entry);
        assertEquals("fs_write", tool.name());
        assertEquals("fs.write", tool.title());
        ObjectNode input = Json.MAPPER.valueToTree(tool.inputSchema());
        assertEquals(ActionTools.DIALECT, input.remove("$schema").asText());
        assertEquals(entry.get("params_schema"), input);
        assertTrue(VALIDATOR.validateSchema(tool.inputSchema()).valid());
    }

    @Test
    void theDescriptionSaysWhatItIsItsRiskAndAtMostThreeExamples() throws Exception {
        String description = ActionTools.tool(entry("write")).description();
        assertTrue(description.startsWith("write a file\n"), description);
        assertTrue(description.contains("risk write; policy may ask a person to confirm"), description);
        assertTrue(description.contains("\"create a file\""), description);
        assertFalse(description.contains("a fourth one"), description);
    }

    @ParameterizedTest
    @CsvSource({"read,true,false,true,false", "write,false,false,false,false",
        "destructive,false,true,false,false", "system,false,true,false,true"})
    void annotationsFollowTheRisk(String risk, boolean readOnly, boolean destructive, boolean idempotent,
            boolean openWorld) throws Exception {
        McpSchema.ToolAnnotations annotations = ActionTools.tool(entry(risk)).annotations();
        assertEquals(List.of(readOnly, destructive, idempotent, openWorld), List.of(annotations.readOnlyHint(),
                annotations.destructiveHint(), annotations.idempotentHint(), annotations.openWorldHint()));
        assertEquals("fs.write", annotations.title());
    }

    @Test
    void anUnknownRiskIsAnErrorNotAGuess() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> ActionTools.tool(entry("harmless")));
    }

    @Test
    void theOutputSchemaIsTheDaemonsActionResult() throws Exception {
        assertTrue(VALIDATOR.validateSchema(ActionTools.OUTPUT_SCHEMA).valid());
        JsonNode result = json("""
                {"txid":"tx-1","action":"fs.list","status":"ok","output":{"entries":[]},"undo":{"available":false}}""");
        assertTrue(VALIDATOR.validate(ActionTools.OUTPUT_SCHEMA, Json.MAPPER.convertValue(result, Map.class)).valid());
        var missingUndo = VALIDATOR.validate(ActionTools.OUTPUT_SCHEMA, Map.of("txid", "tx-1", "action", "fs.list",
                "status", "ok", "output", Map.of()));
        assertFalse(missingUndo.valid());
        assertTrue(missingUndo.errorMessage().contains("undo"), missingUndo.errorMessage());
        assertFalse(VALIDATOR.validate(ActionTools.OUTPUT_SCHEMA, Map.of("txid", "tx-1", "action", "fs.list",
                "status", "maybe", "output", Map.of(), "undo", Map.of("available", false))).valid());
    }

    @Test
    void aSchemaThatIsNotValidJsonSchemaIsReported() {
        var invalid = VALIDATOR.validateSchema(Map.of("type", "object", "properties", Map.of("x", Map.of("type", 5))));
        assertFalse(invalid.valid());
    }
}
