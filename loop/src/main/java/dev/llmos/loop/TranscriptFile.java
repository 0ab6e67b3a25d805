package dev.llmos.loop;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.llmos.protocol.Json;
import dev.llmos.protocol.RpcException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * reads and writes transcripts: pretty json with a fixed layout (fields in record order, two-space
 * indent, {@code \n} line ends), so equal transcripts are equal bytes. read strictly: an unknown
 * field or a wrong type is an error naming where. written owner-only (action outputs may be private),
 * atomically.
 */
public final class TranscriptFile {
    private static final ObjectWriter WRITER = Json.MAPPER.writer(new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n")));

    private TranscriptFile() {
    }

    /** the bytes of {@code transcript} as saved. */
    public static byte[] bytes(Object transcript) {
        try {
            return (WRITER.writeValueAsString(transcript) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a transcript always serializes: " + e.getMessage(), e);
        }
    }

    /** writes {@code value} to {@code file} (mode 0600, through a temporary file and a rename). */
    public static void write(Path file, Object value) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temp = Files.createTempFile(parent, ".transcript-", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.write(temp, bytes(value));
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** reads a transcript; an unreadable or malformed file is an {@link IOException} saying why. */
    public static Transcript read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try {
            return Json.MAPPER.treeToValue(Json.parse(bytes), Transcript.class);
        } catch (RpcException e) {
            throw new IOException(file + " is not json: " + e.getMessage(), e);
        } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
            String message = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
            throw new IOException(file + " is not a transcript: " + firstLine(message), e);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
