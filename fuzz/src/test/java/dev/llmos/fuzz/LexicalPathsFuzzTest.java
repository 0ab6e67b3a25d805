package dev.llmos.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.llmos.policy.LexicalPaths;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.text.Normalizer;

/**
 * the lexical check every path param passes before anything resolves it: a path it accepts is
 * absolute, normal (no empty, {@code .} or {@code ..} names, none ending in a dot or a space),
 * nfc, free of control characters and broken surrogates, and checking the result again gives the
 * same path; anything else is refused with an {@link InvalidPathException}, never another
 * exception.
 *
 * <p>input: utf-8 text (as a json string arrives after decoding), or, after a leading zero byte,
 * raw utf-16 code units two bytes each, which reach broken surrogates that utf-8 cannot encode
 * but a json {@code \ud800} escape can.
 */
class LexicalPathsFuzzTest {
    @FuzzTest(maxDuration = "5s")
    void check(byte[] input) {
        String raw = input.length > 0 && input[0] == 0 ? utf16(input) : new String(input, StandardCharsets.UTF_8);
        Path checked;
        try {
            checked = LexicalPaths.check(raw);
        } catch (InvalidPathException e) {
            return;
        }
        String text = checked.toString();
        Invariants.require(checked.isAbsolute() && checked.equals(checked.normalize()), "not absolute and normal: " + text);
        for (Path name : checked) {
            String part = name.toString();
            Invariants.require(!part.isEmpty() && !part.equals(".") && !part.equals(".."), "a dot name survived: " + text);
            Invariants.require(!part.endsWith(".") && !part.endsWith(" "), "a name ending in a dot or space: " + text);
        }
        Invariants.require(Normalizer.isNormalized(text, Normalizer.Form.NFC), "not nfc: " + text);
        Invariants.require(text.chars().noneMatch(c -> c < 0x20 || (c >= 0x7f && c < 0xa0)),
                "a control character survived: " + text);
        Invariants.require(text.codePoints().noneMatch(c -> c >= 0xd800 && c <= 0xdfff), "a broken surrogate survived");
        Invariants.require(LexicalPaths.check(text).equals(checked), "checking again changed " + text);
    }

    private static String utf16(byte[] input) {
        StringBuilder out = new StringBuilder();
        for (int i = 1; i + 1 < input.length; i += 2) {
            out.append((char) (((input[i] & 0xff) << 8) | (input[i + 1] & 0xff)));
        }
        return out.toString();
    }
}
