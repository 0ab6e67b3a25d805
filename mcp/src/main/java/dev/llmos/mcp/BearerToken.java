package dev.llmos.mcp;

import dev.llmos.protocol.Locations;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * the per-user secret an http client must present ({@code Authorization: Bearer ...}). it lives in
 * a file only its owner can read (0600), made on first use with 256 random bits; a file anyone
 * else could read or write, or that belongs to someone else, is refused rather than trusted.
 */
final class BearerToken {
    private static final int MIN_LENGTH = 32;
    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE);

    private final byte[] secret;

    private BearerToken(String token) {
        this.secret = token.getBytes(StandardCharsets.US_ASCII);
    }

    /** {@code $XDG_CONFIG_HOME/llm-os/mcp-token}, else {@code ~/.config/llm-os/mcp-token}. */
    static Path defaultFile(Map<String, String> env) {
        String config = env.get("XDG_CONFIG_HOME");
        Path base = config != null && !config.isBlank() ? Path.of(config)
                : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("llm-os").resolve("mcp-token");
    }

    /** reads the token from {@code file}, or makes the file when there is none. */
    static BearerToken loadOrCreate(Path file) throws IOException {
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return load(file);
        }
        Path parent = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(parent)) {
            Files.createDirectories(parent, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Files.writeString(Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY)), token + "\n",
                StandardCharsets.US_ASCII, StandardOpenOption.WRITE);
        return new BearerToken(token);
    }

    private static BearerToken load(Path file) throws IOException {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(file + " is not a regular file");
        }
        Object owner = Files.getAttribute(file, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        if (((Number) owner).longValue() != Locations.uid()) {
            throw new IOException(file + " belongs to uid " + owner + ", not to you");
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
        if (!OWNER_ONLY.containsAll(permissions)) {
            throw new IOException(file + " is readable or writable by others (" + PosixFilePermissions.toString(permissions)
                    + "); make a new token: rm " + file + ", or chmod 600 it");
        }
        String token = Files.readString(file, StandardCharsets.US_ASCII).strip();
        if (token.length() < MIN_LENGTH || !token.chars().allMatch(c -> c > ' ' && c < 127)) {
            throw new IOException(file + " does not hold a token of at least " + MIN_LENGTH + " printable characters");
        }
        return new BearerToken(token);
    }

    /** whether an {@code Authorization} header value presents this token (compared in constant time). */
    boolean admits(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] presented = authorization.substring(7).strip().getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(secret, presented);
    }
}
