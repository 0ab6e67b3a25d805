package dev.llmos.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FrameReaderTest {
    private static FrameReader reader(String text, int limit) {
        return new FrameReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), limit);
    }

    private static String next(FrameReader reader) throws IOException {
        byte[] frame = reader.next();
        return frame == null ? null : new String(frame, StandardCharsets.UTF_8);
    }

    @Test
    void splitsOnNewlinesAndDropsCarriageReturns() throws IOException {
        FrameReader reader = reader("{\"a\":1}\r\n{}\n\nlast", 1024);
        assertEquals("{\"a\":1}", next(reader));
        assertEquals("{}", next(reader));
        assertEquals("", next(reader));
        assertNull(next(reader), "a partial frame at end of stream is not a frame");
    }

    @Test
    void assemblesFramesLongerThanTheReadBuffer() throws IOException {
        String big = "x".repeat(300_000);
        FrameReader reader = reader(big + "\n" + "y\n", FrameReader.MAX_FRAME_BYTES);
        assertEquals(big, next(reader));
        assertEquals("y", next(reader));
    }

    @Test
    void rejectsAFrameOverTheLimitWithoutBufferingIt() {
        // an endless stream without a newline: the reader must give up at the limit, not run out of memory
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 'x';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                java.util.Arrays.fill(b, off, off + len, (byte) 'x');
                return len;
            }
        };
        FrameReader reader = new FrameReader(endless, 100_000);
        assertThrows(FrameReader.FrameTooLargeException.class, reader::next);
    }

    @Test
    void acceptsAFrameOfExactlyTheLimit() throws IOException {
        byte[] frame = reader("z".repeat(1000) + "\n", 1000).next();
        assertArrayEquals("z".repeat(1000).getBytes(StandardCharsets.US_ASCII), frame);
        assertThrows(FrameReader.FrameTooLargeException.class, () -> reader("z".repeat(1001) + "\n", 1000).next());
    }
}
