package dev.llmos.gguf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class GgufWriterTest {
    @Test
    void headerCarriesMagicVersionAndCounts() {
        byte[] bytes = new GgufWriter()
                .string("general.architecture", "llama")
                .uint32("llama.block_count", 2)
                .tensor("t", new float[] {1f, 2f, 3f}, 3)
                .toBytes();
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals("GGUF", new String(bytes, 0, 4, StandardCharsets.US_ASCII));
        in.position(4);
        assertEquals(3, in.getInt());
        assertEquals(1, in.getLong());
        assertEquals(2, in.getLong());
    }

    @Test
    void tensorDataStartsAlignedAndEndsPadded() {
        float[] data = {1.5f, -2f, 3.25f};
        byte[] bytes = new GgufWriter().string("k", "v").tensor("t", data, 3).toBytes();
        assertEquals(0, bytes.length % GgufWriter.ALIGNMENT);
        int dataStart = bytes.length - GgufWriter.ALIGNMENT;
        ByteBuffer tensor = ByteBuffer.wrap(bytes, dataStart, 12).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(1.5f, tensor.getFloat());
        assertEquals(-2f, tensor.getFloat());
        assertEquals(3.25f, tensor.getFloat());
    }

    @Test
    void sameSeedWritesSameBytesAndAnotherSeedDoesNot() {
        byte[] first = TinyLlama.standard().toGguf(7).toBytes();
        assertArrayEquals(first, TinyLlama.standard().toGguf(7).toBytes());
        assertFalse(Arrays.equals(first, TinyLlama.standard().toGguf(8).toBytes()));
    }

    @Test
    void standardModelIsAboutHalfAMegabyte() {
        int size = TinyLlama.standard().toGguf(1).toBytes().length;
        assertTrue(size > 300_000 && size < 600_000, "size " + size);
    }

    @Test
    void rejectsMismatchedShapesAndDuplicates() {
        GgufWriter writer = new GgufWriter().tensor("t", new float[4], 2, 2);
        assertThrows(IllegalArgumentException.class, () -> writer.tensor("u", new float[3], 2, 2));
        assertThrows(IllegalArgumentException.class, () -> writer.tensor("t", new float[4], 4));
        writer.uint32("k", 1);
        assertThrows(IllegalArgumentException.class, () -> writer.uint32("k", 2));
    }

    @Test
    void vocabularyHasControlByteAndAsciiPieces() {
        SpmVocabulary vocabulary = SpmVocabulary.bytesAndAscii();
        assertEquals(3 + 256 + 95, vocabulary.size());
        assertEquals("</s>", vocabulary.tokens().get(SpmVocabulary.EOS_ID));
        assertEquals("<0x0A>", vocabulary.tokens().get(3 + 10));
        assertEquals(SpmVocabulary.TYPE_BYTE, vocabulary.types()[3 + 255]);
        assertEquals("~", vocabulary.tokens().get(vocabulary.size() - 1));
    }
}
