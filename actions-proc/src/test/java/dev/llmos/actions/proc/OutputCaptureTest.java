package dev.llmos.actions.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OutputCaptureTest {
    private static OutputCapture drained(byte[] bytes, int limit) {
        OutputCapture capture = OutputCapture.start(new ByteArrayInputStream(bytes), limit, "test");
        capture.finish(5000);
        return capture;
    }

    private static OutputCapture drained(String text, int limit) {
        return drained(text.getBytes(StandardCharsets.UTF_8), limit);
    }

    @Test
    void keepsEverythingUnderTheLimit() {
        OutputCapture capture = drained("hello", 5);
        assertEquals("hello", capture.text());
        assertEquals(5, capture.total());
    }

    @Test
    void cutsOnACharacterBoundaryAndCountsWhatWasDropped() {
        // "a€" is 1 + 3 bytes; a limit of 3 falls inside the euro sign
        assertEquals("a…[truncated 4 bytes]", drained("a€b", 3).text());
        assertEquals("a€…[truncated 1 bytes]", drained("a€b", 4).text());
        assertEquals("…[truncated 4 bytes]", drained("😀", 3).text());
        assertEquals("…[truncated 3 bytes]", drained("abc", 0).text());
    }

    @Test
    void malformedBytesBecomeReplacementCharacters() {
        assertEquals("a\ufffdb", drained(new byte[] {'a', (byte) 0xff, 'b'}, 10).text());
    }

    @Test
    void theTailIsTheEndOfALongStream() {
        String text = "x".repeat(10_000) + "the end";
        OutputCapture capture = drained(text, 10);
        assertEquals(OutputCapture.TAIL, capture.tail().length());
        assertEquals(true, capture.tail().endsWith("the end"));
        assertEquals("short", drained("short", 100).tail());
    }

    @Test
    void boundaryOfCompleteAndIncompleteSequences() {
        byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
        assertEquals(3, OutputCapture.boundary(euro, 3));
        assertEquals(0, OutputCapture.boundary(euro, 2));
        assertEquals(0, OutputCapture.boundary(euro, 1));
        assertEquals(2, OutputCapture.boundary("ab".getBytes(StandardCharsets.UTF_8), 2));
    }
}
