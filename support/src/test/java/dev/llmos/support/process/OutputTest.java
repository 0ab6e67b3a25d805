package dev.llmos.support.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OutputTest {
    private static Output drained(byte[] bytes, int limit) {
        return Capture.readAll(new ByteArrayInputStream(bytes), limit);
    }

    private static Output drained(String text, int limit) {
        return drained(text.getBytes(StandardCharsets.UTF_8), limit);
    }

    @Test
    void keepsEverythingUnderTheLimit() {
        Output output = drained("hello", 5);
        assertEquals("hello", output.text());
        assertEquals(5, output.total());
        assertEquals(0, output.dropped());
    }

    @Test
    void cutsOnACharacterBoundaryAndCountsWhatWasDropped() {
        // "a€" is 1 + 3 bytes; a limit of 3 falls inside the euro sign
        assertEquals("a", drained("a€b", 3).text());
        assertEquals(4, drained("a€b", 3).dropped());
        assertEquals("a€", drained("a€b", 4).text());
        assertEquals(1, drained("a€b", 4).dropped());
        assertEquals("", drained("😀", 3).text());
        assertEquals(4, drained("😀", 3).dropped());
        assertEquals(3, drained("abc", 0).dropped());
    }

    @Test
    void malformedBytesBecomeReplacementCharacters() {
        assertEquals("a\ufffdb", drained(new byte[] {'a', (byte) 0xff, 'b'}, 10).text());
    }

    @Test
    void theTailIsTheEndOfALongStreamFromAWholeCharacter() {
        Output output = drained("x".repeat(10_000) + "the end", 10);
        assertEquals(Output.TAIL, output.tail().length());
        assertTrue(output.tail().endsWith("the end"));
        assertEquals("short", drained("short", 100).tail());
        // 4096 bytes of the tail start in the middle of a two-byte character: that half is left out
        Output accents = drained("é".repeat(3000), 0);
        assertEquals("é".repeat(2048), accents.tail());
        Output odd = drained("é".repeat(3000) + "x", 0);
        assertEquals("é".repeat(2047) + "x", odd.tail());
    }

    @Test
    void theTailOfTextIsCutTheSameWay() {
        assertEquals("short", Output.tailOf("short"));
        assertEquals("é".repeat(2047) + "x", Output.tailOf("é".repeat(3000) + "x"));
    }

    @Test
    void boundaryOfCompleteAndIncompleteSequences() {
        byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
        assertEquals(3, Output.boundary(euro, 3));
        assertEquals(0, Output.boundary(euro, 2));
        assertEquals(0, Output.boundary(euro, 1));
        assertEquals(2, Output.boundary("ab".getBytes(StandardCharsets.UTF_8), 2));
    }
}
