package dev.llmos.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FrameWriterTest {
    @Test
    void whatIsWrittenIsReadBackFrameByFrame() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        var channel = Channels.newChannel(out);
        JsonNode first = Json.parse("{\"text\":\"a\\nb\",\"n\":1}".getBytes(StandardCharsets.UTF_8));
        JsonNode second = Json.parse(("{\"big\":\"" + "x".repeat(200_000) + "\"}").getBytes(StandardCharsets.UTF_8));
        FrameWriter.write(channel, first);
        FrameWriter.write(channel, second);
        FrameReader reader = new FrameReader(new ByteArrayInputStream(out.toByteArray()));
        assertEquals(first, Json.parse(reader.next()));
        assertEquals(second, Json.parse(reader.next()));
        assertEquals(null, reader.next());
        assertArrayEquals(Json.toBytes(first), java.util.Arrays.copyOf(out.toByteArray(), Json.toBytes(first).length));
    }
}
