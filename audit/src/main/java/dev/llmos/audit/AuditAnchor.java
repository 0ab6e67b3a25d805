package dev.llmos.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.protocol.Json;
import dev.llmos.protocol.RpcException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * a second, append-only record of where the log's chain stood, kept outside the log's own files,
 * so that cutting records from the end (or the start, past what retention dropped) and rewriting
 * the head file and checkpoint to match is still caught: the log, when it opens and when it
 * verifies, checks its chain against the latest point the anchor holds. the log writes a point
 * when it opens or creates its files, every {@link AuditOptions#anchorInterval()} while records
 * come in, on rotation, before retention drops segments, and on close.
 *
 * <p>implementations: {@link #file(Path)} here, a journald anchor in the daemon (anything that can
 * append a point and read the latest back), {@link #NONE}.
 */
public interface AuditAnchor {
    /**
     * where the chain stood.
     *
     * @param dir the log's directory, as the log names it
     * @param chain the hash of the chain's first record (seq 1); empty for a log without records
     * @param seq the last committed seq; 0 for an empty log
     * @param hash the last committed record's hash ({@link AuditRecord#GENESIS} for an empty log)
     * @param retainedFrom the first seq the log still holds; records before it were dropped by
     *     retention
     * @param event why the point was written: {@code created}, {@code open}, {@code interval},
     *     {@code rotate}, {@code retention}, {@code close}
     * @param time when
     */
    record Point(String dir, String chain, long seq, String hash, long retainedFrom, String event, Instant time) {
        public Point {
            Objects.requireNonNull(dir, "dir");
            Objects.requireNonNull(chain, "chain");
            Objects.requireNonNull(hash, "hash");
            Objects.requireNonNull(event, "event");
            Objects.requireNonNull(time, "time");
        }

        /** the point as one line of json, the form both anchors store. */
        public String toJson() {
            ObjectNode node = Json.MAPPER.createObjectNode().put("dir", dir).put("chain", chain).put("seq", seq)
                    .put("hash", hash).put("retained_from", retainedFrom).put("event", event).put("time", time.toString());
            return Json.toString(node);
        }

        /** parses {@link #toJson()}; anything else is an {@link IOException}. */
        public static Point fromJson(String text) throws IOException {
            try {
                JsonNode node = Json.parse(text.getBytes(StandardCharsets.UTF_8));
                return new Point(text(node, "dir"), text(node, "chain"), number(node, "seq"), text(node, "hash"),
                        number(node, "retained_from"), text(node, "event"), Instant.parse(text(node, "time")));
            } catch (RpcException | RuntimeException e) {
                throw new IOException("not an audit anchor point: " + e.getMessage(), e);
            }
        }

        private static String text(JsonNode node, String field) throws IOException {
            JsonNode value = node.get(field);
            if (value == null || !value.isTextual()) {
                throw new IOException("no " + field);
            }
            return value.asText();
        }

        private static long number(JsonNode node, String field) throws IOException {
            JsonNode value = node.get(field);
            if (value == null || !value.canConvertToExactIntegral() || value.asLong() < 0) {
                throw new IOException("no " + field);
            }
            return value.asLong();
        }
    }

    /** appends {@code point}; returns once the anchor holds it as durably as it can. */
    void write(Point point) throws IOException;

    /** the latest point written for the log in {@code dir}, if any. */
    Optional<Point> latest(String dir) throws IOException;

    /** what this anchor is, for people: {@code "journal"}, {@code "file /var/log/..."}. */
    String describe();

    /** no anchor: truncation plus a rewritten head file and checkpoint goes unnoticed. */
    AuditAnchor NONE = new AuditAnchor() {
        @Override
        public void write(Point point) {
        }

        @Override
        public Optional<Point> latest(String dir) {
            return Optional.empty();
        }

        @Override
        public String describe() {
            return "none";
        }
    };

    /** an append-only json-lines file, one point per line (see {@link FileAnchor}). */
    static AuditAnchor file(Path file) {
        return new FileAnchor(file);
    }
}
