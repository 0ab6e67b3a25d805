package dev.llmos.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.protocol.Json;
import org.junit.jupiter.api.Test;

class DigestTest {
    private static ObjectNode listing(int entries) {
        ObjectNode output = Json.MAPPER.createObjectNode().put("path", "/var/log");
        ArrayNode list = output.putArray("entries");
        for (int i = 0; i < entries; i++) {
            list.addObject().put("name", "file-" + i + ".log").put("size", i * 1000L).put("type", "file");
        }
        return output;
    }

    @Test
    void anOutputThatFitsIsFedWhole() {
        ObjectNode output = listing(3);
        Digest.Fed fed = Digest.feed(output, 4096);
        assertEquals(output, fed.shown());
        assertFalse(fed.truncated());
        assertEquals(fed.bytes(), fed.shownBytes());
        assertEquals(Json.toBytes(output).length, fed.bytes());
    }

    @Test
    void aLongListKeepsItsFirstItemsAndSaysHowManyWereCut() {
        ObjectNode output = listing(500);
        Digest.Fed fed = Digest.feed(output, 2048);
        assertTrue(fed.truncated());
        assertTrue(fed.shownBytes() <= 2048, fed.shownBytes() + " bytes");
        assertTrue(fed.shownBytes() > 1024, "the bisection fills most of the room: " + fed.shownBytes());
        JsonNode entries = fed.shown().path("entries");
        assertEquals("file-0.log", entries.get(0).path("name").asText());
        String marker = entries.get(entries.size() - 1).asText();
        assertEquals("…[cut: " + (500 - (entries.size() - 1)) + " more items]", marker);
        assertEquals("/var/log", fed.shown().path("path").asText());
        assertEquals(Json.toBytes(output).length, fed.bytes());
    }

    @Test
    void aLongStringKeepsItsHeadAndSaysHowMuchWasCut() {
        String content = "line of a log file\n".repeat(2000);
        ObjectNode output = Json.MAPPER.createObjectNode().put("path", "/var/log/app.log").put("content", content);
        Digest.Fed fed = Digest.feed(output, 1024);
        String shown = fed.shown().path("content").asText();
        assertTrue(content.startsWith(shown.substring(0, shown.indexOf('…'))), shown);
        int kept = shown.indexOf('…');
        assertTrue(shown.endsWith("…[cut: " + (content.length() - kept) + " more chars]"), shown);
        assertTrue(fed.shownBytes() <= 1024 && fed.shownBytes() > 700, fed.shownBytes() + " bytes");
    }

    @Test
    void theSameOutputAndLimitAlwaysGiveTheSameBytes() {
        ObjectNode output = listing(321);
        assertEquals(Json.toString(Digest.feed(output, 3000).shown()), Json.toString(Digest.feed(output, 3000).shown()));
    }

    @Test
    void whenNothingFitsOnlyAnOutlineWithTheSizeIsShown() {
        ObjectNode output = Json.MAPPER.createObjectNode();
        for (int i = 0; i < 400; i++) {
            output.put("field_number_" + i, i);
        }
        Digest.Fed fed = Digest.feed(output, 300);
        assertTrue(fed.shownBytes() <= 300, fed.shown().toString());
        assertTrue(fed.shown().path("…[cut]").asText().contains(fed.bytes() + " bytes"), fed.shown().toString());
        assertEquals("field_number_0", fed.shown().path("fields").get(0).asText());
    }

    @Test
    void aCutNeverSplitsASurrogatePair() {
        String emoji = "😀".repeat(40);
        JsonNode cut = Digest.cut(Json.MAPPER.getNodeFactory().textNode(emoji), 17, 1);
        String head = cut.asText().substring(0, cut.asText().indexOf('…'));
        assertEquals(0, head.length() % 2);
        assertEquals(head.codePointCount(0, head.length()) * 2, head.length());
    }
}
