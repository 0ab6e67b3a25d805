package dev.llmos.actions.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** sha-256 in lowercase hex: of a file's bytes, or of a sequence of fields fed one by one. */
final class Sha256 {
    private final MessageDigest digest = dev.llmos.support.Sha256.digest();

    /** the digest of a regular file's content, read through its descriptor. */
    static String of(Entry file) throws IOException {
        Sha256 sha = new Sha256();
        ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
        try (FileChannel channel = file.read()) {
            while (channel.read(buffer) >= 0) {
                buffer.flip();
                sha.digest.update(buffer);
                buffer.clear();
            }
        }
        return sha.hex();
    }

    /** adds a field; each is length-prefixed, so no two sequences of fields feed the same bytes. */
    Sha256 add(String field) {
        byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
        add(bytes.length);
        digest.update(bytes);
        return this;
    }

    Sha256 add(long field) {
        digest.update(ByteBuffer.allocate(Long.BYTES).putLong(field).array());
        return this;
    }

    String hex() {
        return dev.llmos.support.Sha256.hex(digest);
    }
}
