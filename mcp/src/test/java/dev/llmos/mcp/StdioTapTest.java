package dev.llmos.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.protocol.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StdioTapTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final StringWriter err = new StringWriter();

    private StdioTap tap(String input) {
        return new StdioTap(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out,
                new InboundTap(new InFlight()), new PrintWriter(err));
    }

    @Test
    void linesComeThroughTappedAndTheEndIsSignalled() throws Exception {
        StdioTap tap = tap("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"x\"}}\r\n\n"
                + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}\n");
        String[] lines = new String(tap.readAllBytes(), StandardCharsets.UTF_8).split("\n");
        assertEquals(2, lines.length);
        assertEquals("stdio 1", Json.parse(lines[0].getBytes(StandardCharsets.UTF_8)).at("/params/_meta")
                .get(InFlight.META_KEY).asText());
        assertEquals("ping", Json.parse(lines[1].getBytes(StandardCharsets.UTF_8)).get("method").asText());
        assertTrue(tap.ended().await(0, TimeUnit.SECONDS));
        assertEquals(0, out.size());
    }

    @Test
    void aLineThatIsNotJsonIsAnsweredWithAParseErrorAndTheSessionGoesOn() throws Exception {
        StdioTap tap = tap("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"\n{\"a\":1,\"a\":2}\n{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}\n");
        String passed = new String(tap.readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(2, Json.parse(passed.strip().getBytes(StandardCharsets.UTF_8)).get("id").asInt());
        String[] answers = out.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(2, answers.length);
        for (String answer : answers) {
            JsonNode error = Json.parse(answer.getBytes(StandardCharsets.UTF_8));
            assertEquals(-32700, error.at("/error/code").asInt());
            assertTrue(error.get("id").isNull());
        }
    }

    @Test
    void somethingThatIsNotOneJsonRpcMessageIsRefusedWithItsIdAndTheSessionGoesOn() throws Exception {
        StdioTap tap = tap("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}]\n{\"foo\":1}\n"
                + "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":5}\n{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"ping\"}\n");
        String passed = new String(tap.readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(5, Json.parse(passed.strip().getBytes(StandardCharsets.UTF_8)).get("id").asInt());
        String[] answers = out.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(3, answers.length);
        JsonNode badMethod = Json.parse(answers[2].getBytes(StandardCharsets.UTF_8));
        assertEquals(-32600, badMethod.at("/error/code").asInt());
        assertEquals(4, badMethod.get("id").asInt());
    }

    @Test
    void aLineOverTheBoundEndsTheSessionWithAReason() throws Exception {
        StdioTap tap = tap("\"" + "x".repeat(StdioTap.MAX_LINE_BYTES + 10) + "\"\n{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}\n");
        assertEquals(0, tap.readAllBytes().length);
        assertTrue(tap.ended().await(0, TimeUnit.SECONDS));
        assertTrue(err.toString().contains("exceeds"), err.toString());
    }
}
