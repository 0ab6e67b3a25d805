package dev.llmos.loop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmos.protocol.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TranscriptFileTest {
    @TempDir
    Path dir;

    private static Transcript sample() {
        Call call = new Call("s1", "fs.list", Json.MAPPER.createObjectNode().put("path", "/tmp"), "read");
        Turn first = Turn.proposed("llm:local:m", new Usage(120L, 9L), 0, "", List.of(call))
                .withResults(List.of(Result.ok("s1", Digest.feed(Json.MAPPER.createObjectNode().put("n", 1), 1024))),
                        Turn.Decision.NONE);
        Turn answer = Turn.proposed("llm:local:m", new Usage(160L, 12L), 0, "one entry [s1]", List.of());
        return Transcript.start("what is in /tmp", "/root", Budget.DEFAULT).with(first).with(answer)
                .ended(new End(End.Reason.ANSWER, "answered"));
    }

    @Test
    void aSavedTranscriptReadsBackEqualAndWritesBackByteForByte() throws IOException {
        Path file = dir.resolve("t.json");
        TranscriptFile.write(file, sample());
        Transcript read = TranscriptFile.read(file);
        assertEquals(sample(), read);
        assertArrayEquals(Files.readAllBytes(file), TranscriptFile.bytes(read));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        String text = Files.readString(file);
        assertTrue(text.contains("\n  \"request\" : \"what is in /tmp\",\n"), text);
        assertTrue(text.contains("\"status\" : \"ok\""), text);
        assertTrue(text.contains("\"decision\" : \"none\""), text);
    }

    @Test
    void anUnknownFieldOrAWrongVersionIsRefusedSayingWhere() throws IOException {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, new String(TranscriptFile.bytes(sample())).replace("\"request\"", "\"extra\" : 1,\n  \"request\""));
        IOException unknown = assertThrows(IOException.class, () -> TranscriptFile.read(file));
        assertTrue(unknown.getMessage().contains("extra"), unknown.getMessage());
        Files.writeString(file, new String(TranscriptFile.bytes(sample())).replace("\"version\" : 1", "\"version\" : 9"));
        IOException version = assertThrows(IOException.class, () -> TranscriptFile.read(file));
        assertTrue(version.getMessage().contains("unsupported transcript version 9"), version.getMessage());
    }
}
