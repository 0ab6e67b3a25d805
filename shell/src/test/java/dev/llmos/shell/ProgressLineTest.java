package dev.llmos.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** a long action's progress as one terminal line. */
class ProgressLineTest {
    @Test
    void aKnownFractionIsABarWithPercentAndElapsedTime() {
        assertEquals("[############            ]  50% downloading hello (2.5 s)",
                ProgressLine.line("downloading hello", 0.5, 2.5, 0));
        assertEquals("[########################] 100% done (10.0 s)", ProgressLine.line("done", 1.7, 10, 3));
    }

    @Test
    void anUnknownFractionSpinsAndLongMessagesAreCut() {
        assertEquals("| working (0.1 s)", ProgressLine.line("working", null, 0.1, 0));
        assertEquals("/ working (0.1 s)", ProgressLine.line("working", null, 0.1, 1));
        String line = ProgressLine.line("x".repeat(100), null, 1, 0);
        assertEquals(2 + 60 + " (1.0 s)".length(), line.length());
    }
}
