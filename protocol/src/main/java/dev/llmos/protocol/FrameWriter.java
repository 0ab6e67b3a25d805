package dev.llmos.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

/** writes frames as {@link FrameReader} reads them: one json value on one line. */
public final class FrameWriter {
    private FrameWriter() {
    }

    /** writes {@code frame} and its newline, all of it (a socket may take it in parts); callers serialize writes. */
    public static void write(WritableByteChannel channel, JsonNode frame) throws IOException {
        byte[] bytes = Json.toBytes(frame);
        ByteBuffer buffer = ByteBuffer.allocate(bytes.length + 1).put(bytes).put((byte) '\n').flip();
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }
}
