package dev.llmos.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.protocol.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InboundTapTest {
    private final InFlight calls = new InFlight();
    private final InboundTap tap = new InboundTap(calls);
    private final List<String> cancelled = new ArrayList<>();

    private JsonNode through(String message, String session) throws Exception {
        return tap.apply(Json.parse(message.getBytes(StandardCharsets.UTF_8)), session);
    }

    @Test
    void aToolCallCarriesItsKeyAndAForgedOneIsReplaced() throws Exception {
        JsonNode plain = through("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"fs_list\"}}", "s1");
        assertEquals("s1 7", plain.at("/params/_meta").get(InFlight.META_KEY).asText());
        JsonNode forged = through("{\"jsonrpc\":\"2.0\",\"id\":\"7\",\"method\":\"tools/call\",\"params\":{\"name\":\"x\","
                + "\"_meta\":{\"progressToken\":3,\"dev.llmos/call\":\"s2 9\"}}}", "s1");
        assertEquals("s1 \"7\"", forged.at("/params/_meta").get(InFlight.META_KEY).asText());
        assertEquals(3, forged.at("/params/_meta/progressToken").asInt());
    }

    @Test
    void otherMessagesPassUnchanged() throws Exception {
        String list = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{}}";
        assertEquals(Json.parse(list.getBytes(StandardCharsets.UTF_8)), through(list, "s1"));
        String notification = "{\"jsonrpc\":\"2.0\",\"method\":\"tools/call\",\"params\":{}}";
        assertNull(through(notification, "s1").at("/params").get("_meta"), "a notification has no id to cancel by");
    }

    @Test
    void aCancellationReachesOnlyTheCallOfThatIdInThatSession() throws Exception {
        JsonNode call = through("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":{\"name\":\"x\"}}", "s1");
        String key = call.at("/params/_meta").get(InFlight.META_KEY).asText();
        try (InFlight.Registration registration = calls.register(key, () -> cancelled.add(key))) {
            through("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":5}}", "s2");
            through("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":\"5\"}}", "s1");
            assertEquals(List.of(), cancelled);
            through("[{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":5}}]", "s1");
            assertEquals(List.of(key), cancelled);
        }
        through("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":5}}", "s1");
        assertEquals(1, cancelled.size(), "a finished call is not cancelled again");
    }

    @Test
    void aCancellationThatOvertakesItsCallStillCancelsIt() throws Exception {
        through("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":9}}", "stdio");
        try (InFlight.Registration registration = calls.register(InboundTap.key("stdio", Json.MAPPER.valueToTree(9)),
                () -> cancelled.add("9"))) {
            assertEquals(List.of("9"), cancelled);
        }
    }
}
