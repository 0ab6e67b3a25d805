package dev.llmos.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LogsTest {
    @Test
    void aLongQuoteIsCutAndSaysHowLongItWas() {
        assertEquals("short", Logs.cut("short"));
        String cut = Logs.cut("x".repeat(Logs.MAX_QUOTE * 3));
        assertTrue(cut.startsWith("x".repeat(Logs.MAX_QUOTE) + "...("), cut);
        assertTrue(cut.endsWith("(" + Logs.MAX_QUOTE * 3 + " characters)"), cut);
    }
}
