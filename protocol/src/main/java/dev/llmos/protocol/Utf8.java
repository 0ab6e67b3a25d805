package dev.llmos.protocol;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * strict utf-8 (rfc 3629) for frames: overlong forms ({@code C0 AF} for {@code /}), surrogates,
 * code points past {@code U+10FFFF}, stray continuation bytes and truncated sequences are refused before
 * any parser sees the bytes, so no two byte strings mean the same text. the jdk's decoder does the
 * checking; ascii frames (the common case) are passed by a plain scan.
 */
public final class Utf8 {
    private Utf8() {
    }

    /** the offset of the first byte that is not part of valid utf-8, or -1 when all of {@code bytes} is. */
    public static int firstInvalid(byte[] bytes) {
        int i = 0;
        while (i < bytes.length && bytes[i] >= 0) {
            i++;
        }
        if (i == bytes.length) {
            return -1;
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, i, bytes.length - i);
        CharBuffer out = CharBuffer.allocate(Math.min(bytes.length - i, 8192) + 2);
        while (true) {
            CoderResult result = decoder.decode(in, out, true);
            if (result.isError()) {
                return in.position();
            }
            if (result.isUnderflow()) {
                result = decoder.flush(out);
                return result.isError() ? in.position() : -1;
            }
            out.clear();
        }
    }
}
