package dev.llmos.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.protocol.Json;
import dev.llmos.protocol.RpcException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * where the kept part of a log starts once retention dropped older segments: the sidecar
 * {@code audit.checkpoint}, replaced atomically (written aside, synced, renamed). the verifier
 * starts from it instead of genesis, so the kept records are still proven to link to each other
 * and to the last dropped one; the anchor ({@link AuditAnchor}) holds every checkpoint too, so
 * dropping more segments and moving the checkpoint forward is caught.
 *
 * @param segment the first kept segment's number
 * @param seq the last dropped record's seq (the first kept record has {@code seq + 1})
 * @param hash the last dropped record's hash (the first kept record's {@code prev})
 * @param chain the hash of the chain's first record, which is gone
 */
record Checkpoint(int segment, long seq, String hash, String chain) {
    static final String NAME = "audit.checkpoint";

    /** no segment dropped: the chain starts at genesis in segment 1. */
    static final Checkpoint NONE = new Checkpoint(1, 0, AuditRecord.GENESIS, "");

    /** the checkpoint in {@code dir}, {@link #NONE} when there is none. */
    static Checkpoint read(Path dir) throws IOException {
        Path file = dir.resolve(NAME);
        if (!Files.exists(file)) {
            return NONE;
        }
        try {
            JsonNode node = Json.parse(Files.readAllBytes(file));
            Checkpoint checkpoint = new Checkpoint(node.path("segment").asInt(-1), node.path("seq").asLong(-1),
                    node.path("hash").asText(""), node.path("chain").asText(""));
            if (checkpoint.segment() < 2 || checkpoint.seq() < 1 || checkpoint.hash().length() != 64
                    || checkpoint.chain().length() != 64) {
                throw new AuditException(file + " is not a valid checkpoint");
            }
            return checkpoint;
        } catch (RpcException e) {
            throw new AuditException(file + " is not a valid checkpoint: " + e.getMessage());
        }
    }

    /** replaces the checkpoint in {@code dir} atomically. */
    void write(Path dir) throws IOException {
        ObjectNode node = Json.MAPPER.createObjectNode().put("segment", segment).put("seq", seq).put("hash", hash)
                .put("chain", chain);
        Path aside = dir.resolve(NAME + ".new");
        try (FileChannel channel = FileChannel.open(aside, Set.of(StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
            ByteBuffer buffer = ByteBuffer.wrap((Json.toString(node) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        Files.move(aside, dir.resolve(NAME), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Segments.syncDirectory(dir);
    }

    /** the first seq the log holds. */
    long retainedFrom() {
        return seq + 1;
    }
}
