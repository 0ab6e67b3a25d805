package dev.llmos.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class RequestTest {
    private static Request decode(String text) throws RpcException {
        return Request.decode(Json.parse(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void decodesAWellFormedRequest() throws RpcException {
        Request request = decode("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"system.ping\"}");
        assertEquals(7, request.id().asInt());
        assertEquals("system.ping", request.method());
        assertTrue(request.params().isObject() && request.params().isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unknown member      | {\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"m\",\"extra\":1}  | /extra",
        "wrong version       | {\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"m\"}              | /jsonrpc",
        "numeric version     | {\"jsonrpc\":2.0,\"id\":1,\"method\":\"m\"}                  | /jsonrpc",
        "object id           | {\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"m\"}             | /id",
        "fractional id       | {\"jsonrpc\":\"2.0\",\"id\":1.5,\"method\":\"m\"}            | /id",
        "missing method      | {\"jsonrpc\":\"2.0\",\"id\":1}                              | /method",
        "numeric method      | {\"jsonrpc\":\"2.0\",\"id\":1,\"method\":3}                  | /method",
        "array params        | {\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"m\",\"params\":[]} | /params",
    })
    void rejectsABadEnvelopeNamingTheMember(String name, String frame, String pointer) {
        RpcException e = assertThrows(RpcException.class, () -> decode(frame));
        assertEquals(ErrorCodes.INVALID_REQUEST, e.error().code());
        assertEquals(pointer, e.error().pointer());
    }

    @Test
    void rejectsBatchesAndMalformedJson() {
        assertEquals(ErrorCodes.INVALID_REQUEST,
                assertThrows(RpcException.class, () -> decode("[{\"jsonrpc\":\"2.0\"}]")).error().code());
        assertEquals(ErrorCodes.PARSE_ERROR,
                assertThrows(RpcException.class, () -> decode("{\"jsonrpc\":")).error().code());
        assertEquals(ErrorCodes.PARSE_ERROR,
                assertThrows(RpcException.class, () -> decode("{} {}")).error().code());
        assertEquals(ErrorCodes.PARSE_ERROR,
                assertThrows(RpcException.class, () -> decode("{\"a\":1,\"a\":2}")).error().code());
    }

    @Test
    void refusesANumberBeyondADoublesRangeAndKeepsTheLargestThatFits() throws RpcException {
        for (String frame : new String[] {"888e88888", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"m\",\"params\":"
                + "{\"limit\":-1e400}}", "[1.5e309]"}) {
            RpcException e = assertThrows(RpcException.class, () -> Json.parse(frame.getBytes(StandardCharsets.UTF_8)));
            assertEquals(ErrorCodes.PARSE_ERROR, e.error().code(), frame);
            assertTrue(e.getMessage().contains("json has no infinity"), e.getMessage());
        }
        JsonNode largest = Json.parse("[1.7976931348623157e308, 1e-400]".getBytes(StandardCharsets.UTF_8));
        assertEquals(Double.MAX_VALUE, largest.get(0).doubleValue());
        assertEquals(largest, Json.parse(Json.toBytes(largest)), "what is read is written back the same");
    }

    @Test
    void rejectsNestingDeeperThanTheBound() {
        String deep = "[".repeat(Json.MAX_DEPTH + 10) + "]".repeat(Json.MAX_DEPTH + 10);
        assertEquals(ErrorCodes.PARSE_ERROR,
                assertThrows(RpcException.class, () -> decode(deep)).error().code());
    }

    @Test
    void aResponseHasExactlyOneOfResultAndError() {
        assertThrows(IllegalArgumentException.class, () -> new Response(null, null, null));
        assertThrows(IllegalArgumentException.class, () -> new Response(null,
                Json.MAPPER.createObjectNode(), new RpcError(1, "x", null)));
    }
}
