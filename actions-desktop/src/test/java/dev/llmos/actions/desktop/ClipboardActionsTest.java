package dev.llmos.actions.desktop;

import static dev.llmos.action.testkit.Harness.params;
import static dev.llmos.action.testkit.Harness.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** clipboard.get and clipboard.set against a real x server, checked with xclip run independently. */
class ClipboardActionsTest {
    private static XServer x;
    private static Map<String, String> session;

    @BeforeAll
    static void setUp() {
        x = XServer.shared();
        session = x.session();
    }

    @Test
    void setTextIsWhatOtherProgramsPaste() throws Exception {
        String text = "hello clipboard ✓ \"quoted\"\nsecond line";
        JsonNode out = run(session, "clipboard.set", params("text", text)).output();
        assertEquals("clipboard", out.path("selection").asText());
        assertEquals(text.codePointCount(0, text.length()), out.path("characters").asInt());
        assertEquals(text.getBytes(StandardCharsets.UTF_8).length, out.path("bytes").asInt());
        assertEquals(text, x.tool("xclip", "-selection", "clipboard", "-o"));
        assertFalse(out.toString().contains("hello"), "the result repeats the text: " + out);
    }

    @Test
    void getReadsWhatAnotherProgramCopied() throws Exception {
        x.tool("copied by xclip é".getBytes(StandardCharsets.UTF_8), "xclip", "-selection", "clipboard", "-i");
        JsonNode out = run(session, "clipboard.get", params()).output();
        assertEquals("copied by xclip é", out.path("text").asText(), out.toString());
        assertTrue(out.path("owned").asBoolean());
        assertFalse(out.path("truncated").asBoolean());
        assertEquals(18, out.path("bytes").asInt());
    }

    @Test
    void setThenGetRoundTripsLargeText() throws Exception {
        String text = "0123456789abcdéf\n".repeat(10_000);
        run(session, "clipboard.set", params("text", text));
        JsonNode out = run(session, "clipboard.get", params("max_bytes", 524288)).output();
        assertEquals(text, out.path("text").asText());
        assertFalse(out.path("truncated").asBoolean());
    }

    @Test
    void longTextIsCutAtACharacterBoundary() throws Exception {
        run(session, "clipboard.set", params("text", "aé".repeat(100)));
        // 3 bytes per pair: a limit of 11 ends inside the fourth é, which is dropped rather than split
        JsonNode out = run(session, "clipboard.get", params("max_bytes", 11)).output();
        assertTrue(out.path("truncated").asBoolean());
        assertEquals("aéaéaéa", out.path("text").asText());
        assertEquals(10, out.path("bytes").asInt());
    }

    @Test
    void thePrimarySelectionIsSeparateAndCanBeUnowned() throws Exception {
        XServer fresh = XServer.start("64x64x24");
        try {
            JsonNode empty = run(fresh.session(), "clipboard.get", params("selection", "primary")).output();
            assertFalse(empty.path("owned").asBoolean(), empty.toString());
            assertNull(empty.path("text").textValue());
            run(fresh.session(), "clipboard.set", params("text", "in primary", "selection", "primary"));
            assertEquals("in primary", run(fresh.session(), "clipboard.get", params("selection", "primary"))
                    .output().path("text").asText());
            assertFalse(run(fresh.session(), "clipboard.get", params()).output().path("owned").asBoolean());
        } finally {
            fresh.close();
        }
    }

    @Test
    void theClipboardCanBeCleared() throws Exception {
        run(session, "clipboard.set", params("text", "something"));
        run(session, "clipboard.set", params("text", ""));
        JsonNode out = run(session, "clipboard.get", params()).output();
        assertEquals("", out.path("text").asText());
        assertTrue(out.path("owned").asBoolean());
    }
}
