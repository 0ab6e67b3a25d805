package dev.llmos.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Utf8Test {
    private static byte[] frame(String hexInside) {
        byte[] prefix = "{\"a\":\"x".getBytes(StandardCharsets.US_ASCII);
        byte[] inside = HexFormat.of().parseHex(hexInside);
        byte[] suffix = "\"}".getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[prefix.length + inside.length + suffix.length];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(inside, 0, out, prefix.length, inside.length);
        System.arraycopy(suffix, 0, out, prefix.length + inside.length, suffix.length);
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "overlong slash, c0af",
        "overlong slash in three bytes, e080af",
        "overlong nul, c080",
        "surrogate half, eda080",
        "past u+10ffff, f4908080",
        "stray continuation byte, 80",
        "truncated sequence, e282",
        "never valid lead byte, f5808080",
        "lead byte ff, ff",
    })
    void invalidSequencesAreRefusedAtTheirOffset(String name, String hex) {
        byte[] bytes = frame(hex);
        assertEquals(7, Utf8.firstInvalid(bytes), name);
        RpcException e = assertThrows(RpcException.class, () -> Json.parse(bytes));
        assertEquals(ErrorCodes.PARSE_ERROR, e.error().code());
        assertEquals("invalid utf-8 at byte 7 (overlong, surrogate, out of range or truncated sequences are refused)",
                e.getMessage());
    }

    @Test
    void validTextPassesAndParsesToTheSameCharacters() throws Exception {
        String text = "caf\u00e9 \u20ac \ud83d\ude00 \u0800 \uffff \udbff\udfff";
        byte[] bytes = ("{\"a\":\"" + text + "\"}").getBytes(StandardCharsets.UTF_8);
        assertEquals(-1, Utf8.firstInvalid(bytes));
        assertEquals(text, Json.parse(bytes).get("a").asText());
        assertEquals(-1, Utf8.firstInvalid("{\"jsonrpc\":\"2.0\"}".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(-1, Utf8.firstInvalid(new byte[0]));
    }

    @Test
    void aLongFrameIsCheckedToItsEnd() {
        byte[] bytes = frame("c3a9".repeat(20_000) + "c0af");
        assertEquals(7 + 40_000, Utf8.firstInvalid(bytes));
    }
}
