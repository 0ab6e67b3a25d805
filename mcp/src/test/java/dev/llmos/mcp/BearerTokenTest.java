package dev.llmos.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BearerTokenTest {
    @TempDir
    Path dir;

    @Test
    void theFirstUseMakesAnOwnerOnlyFileAndLaterUsesReadTheSameToken() throws Exception {
        Path file = dir.resolve("config/llm-os/mcp-token");
        BearerToken made = BearerToken.loadOrCreate(file);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
        String token = Files.readString(file).strip();
        assertTrue(token.length() >= 43, token);
        assertTrue(made.admits("Bearer " + token));
        assertTrue(BearerToken.loadOrCreate(file).admits("bearer " + token));
    }

    @Test
    void onlyTheExactTokenIsAdmitted() throws Exception {
        BearerToken token = BearerToken.loadOrCreate(dir.resolve("t"));
        String secret = Files.readString(dir.resolve("t")).strip();
        assertFalse(token.admits(null));
        assertFalse(token.admits(secret));
        assertFalse(token.admits("Basic " + secret));
        assertFalse(token.admits("Bearer " + secret.substring(1)));
        assertFalse(token.admits("Bearer " + secret + "x"));
        assertFalse(token.admits("Bearer "));
    }

    @Test
    void aFileOthersCanReadOrATooShortTokenIsRefused() throws Exception {
        Path shared = Files.writeString(dir.resolve("shared"), "a".repeat(40));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rw-r--r--"));
        IOException readable = assertThrows(IOException.class, () -> BearerToken.loadOrCreate(shared));
        assertTrue(readable.getMessage().contains("readable or writable by others"), readable.getMessage());
        Path shorter = Files.writeString(dir.resolve("short"), "abc");
        Files.setPosixFilePermissions(shorter, PosixFilePermissions.fromString("rw-------"));
        assertThrows(IOException.class, () -> BearerToken.loadOrCreate(shorter));
        Path link = Files.createSymbolicLink(dir.resolve("link"), shared);
        IOException linked = assertThrows(IOException.class, () -> BearerToken.loadOrCreate(link));
        assertTrue(linked.getMessage().contains("not a regular file"), linked.getMessage());
    }
}
