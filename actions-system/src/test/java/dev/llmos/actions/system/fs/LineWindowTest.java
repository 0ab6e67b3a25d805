package dev.llmos.actions.system.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LineWindowTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "a\\nb\\nc\\n|1|a\\n",
        "a\\nb\\nc\\n|2|a\\nb\\n",
        "a\\nb\\nc\\n|5|a\\nb\\nc\\n",
        "a\\nb\\nc|3|a\\nb\\nc",
        "\\n\\nx|1|\\n",
        "|3|"})
    void firstLinesAsHeadCountsThem(String text, int lines, String expected) {
        byte[] bytes = unescape(text);
        assertEquals(unescape(expected).length, LineWindow.firstLinesEnd(bytes, bytes.length, lines));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "a\\nb\\nc\\n|1|c\\n",
        "a\\nb\\nc\\n|2|b\\nc\\n",
        "a\\nb\\nc|1|c",
        "a\\nb\\nc|2|b\\nc",
        "a\\nb\\nc\\n|9|a\\nb\\nc\\n",
        "a\\n\\n|1|\\n",
        "|2|"})
    void lastLinesAsTailCountsThem(String text, int lines, String expected) {
        byte[] bytes = unescape(text);
        int start = LineWindow.lastLinesStart(bytes, bytes.length, lines);
        assertEquals(new String(unescape(expected), StandardCharsets.UTF_8),
                new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8));
    }

    private static byte[] unescape(String text) {
        return (text == null ? "" : text).replace("\\n", "\n").getBytes(StandardCharsets.UTF_8);
    }
}
