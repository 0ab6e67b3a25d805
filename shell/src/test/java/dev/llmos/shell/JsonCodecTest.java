package dev.llmos.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** llmsh's json reader and writer agree with jackson's and keep the daemon's text. */
class JsonCodecTest {
    private static final ObjectMapper JACKSON = new ObjectMapper();

    @Test
    void whatTheDaemonsJacksonWritesComesBackTheSame() throws Exception {
        String frame = "{\"a\":1,\"b\":-2147483649,\"c\":123456789012345678901234567890,\"d\":6.0,\"e\":5.93,\"f\":1.0E10,"
                + "\"g\":\"caf\\u00e9 \\u001b[0m\\ttab\\\"q\\\\ \\ud83d\\ude00\",\"h\":[true,false,null,{},[]],\"i\":-0.5}";
        JsonNode ours = JsonCodec.parse(frame);
        assertEquals(JACKSON.readTree(frame), JACKSON.readTree(JsonCodec.text(ours)));
        String written = JACKSON.writeValueAsString(JACKSON.readTree(frame));
        assertEquals(written, JsonCodec.text(JsonCodec.parse(written)), "jackson's own text is kept byte for byte");
        assertEquals("caf\u00e9 \u001b[0m\ttab\"q\\ \ud83d\ude00", ours.get("g").textValue());
        assertTrue(JsonCodec.text(ours).contains("\\u001B[0m"), "control characters stay escaped in json");
    }

    @Test
    void prettyTextIsIndentedAndEndsWithANewline() throws Exception {
        assertEquals("{\n  \"steps\": [\n    {\n      \"x\": 1\n    }\n  ],\n  \"e\": {}\n}\n",
                JsonCodec.pretty(JsonCodec.parse("{\"steps\":[{\"x\":1}],\"e\":{}}")));
    }

    @Test
    void jsonTextWrittenBeforeIsSplicedInAsItIs() throws Exception {
        String turns = "[{\"id\":\"s1\",\"output\":{\"b\":[1,2],\"a\":\"caf\u00e9\"}},{\"id\":\"s2\"}]";
        com.fasterxml.jackson.databind.node.ObjectNode params = JsonCodec.object().put("request", "why");
        params.putRawValue("turns", new com.fasterxml.jackson.databind.util.RawValue(turns));
        params.put("max_tokens", 5);
        String text = JsonCodec.text(params);
        assertEquals("{\"request\":\"why\",\"turns\":" + turns + ",\"max_tokens\":5}", text);
        assertEquals(JACKSON.readTree(turns), JsonCodec.parse(text).get("turns"), "the splice reads back as the turns");
    }

    @Test
    void malformedTextIsRefused() {
        for (String bad : new String[] {"", "{", "{\"a\":1,\"a\":2}", "{\"a\":1} x", "[1,]", "{\"a\" 1}", "01", "\"tab\there\"",
            "nul", "1e", "\"\\x\"", "[" .repeat(70) + "]".repeat(70)}) {
            assertThrows(JsonCodec.JsonException.class, () -> JsonCodec.parse(bad), bad);
        }
    }
}
