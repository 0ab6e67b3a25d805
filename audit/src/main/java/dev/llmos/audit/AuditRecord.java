package dev.llmos.audit;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;

/**
 * one record of the log, as stored: the entry plus its place in the chain. serialized (e.g. in
 * {@code audit.tail} results) it is exactly the stored json object.
 *
 * @param seq the position in the chain, from 1
 * @param time when the log accepted it, from the log's clock
 * @param entry what was recorded
 * @param prev the hash of the previous record, or {@link #GENESIS} for the first
 * @param hash sha-256 (lowercase hex) over the canonical serialization of this record without
 *     {@code hash}
 */
public record AuditRecord(long seq, Instant time, AuditEntry entry, String prev, String hash) {
    /** the {@code prev} of the first record. */
    public static final String GENESIS = "0".repeat(64);

    public AuditRecord {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(prev, "prev");
        Objects.requireNonNull(hash, "hash");
    }

    @JsonValue
    public ObjectNode toJson() {
        return RecordCodec.body(seq, time, entry, prev).put("hash", hash);
    }
}
