package dev.llmos.actions.system.fs;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * bytes read from a file, encoded for json: text when they are valid utf-8 without nul bytes,
 * base64 otherwise. a character cut by the end of the read window (more bytes follow in the file)
 * is left for the next read rather than making the whole chunk binary.
 *
 * @param length how many of the read bytes the content covers
 */
record Chunk(String encoding, String content, int length) {
    static final String UTF_8 = "utf-8";
    static final String BASE64 = "base64";

    /** encodes {@code bytes[0, length)}; {@code eof} says no bytes follow them in the file. */
    static Chunk of(byte[] bytes, int length, boolean eof) {
        int text = textLength(bytes, length, eof);
        if (text > 0 || length == 0) {
            return new Chunk(UTF_8, new String(bytes, 0, text, StandardCharsets.UTF_8), text);
        }
        return new Chunk(BASE64, Base64.getEncoder().encodeToString(Arrays.copyOf(bytes, length)), length);
    }

    /** how many leading bytes are whole utf-8 characters, or 0 when the bytes are not text. */
    private static int textLength(byte[] bytes, int length, boolean eof) {
        for (int i = 0; i < length; i++) {
            if (bytes[i] == 0) {
                return 0;
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, 0, length);
        CoderResult result = decoder.decode(in, CharBuffer.allocate(length), eof);
        // without eof an incomplete character at the end stays unread in the buffer
        return result.isError() ? 0 : in.position();
    }
}
