package dev.llmos.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.protocol.Json;
import dev.llmos.support.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * the on-disk form of a record, one line of utf-8:
 *
 * <pre>
 * canonical = the record without "hash", written by the project mapper with object keys sorted
 *             at every level, no whitespace
 * hash      = sha-256(canonical), 64 lowercase hex digits
 * line      = canonical without its closing brace + ,"hash":"&lt;hash&gt;"} + \n
 * </pre>
 *
 * so a verifier hashes the line's own bytes up to the hash field (plus the brace) and needs no
 * re-serialization; any change to a byte of the record changes its hash.
 */
final class RecordCodec {
    private static final ObjectWriter CANONICAL = Json.MAPPER.writer().with(JsonNodeFeature.WRITE_PROPERTIES_SORTED);
    private static final JsonFactory LINK_PARSERS = new JsonFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] HASH_FIELD = ",\"hash\":\"".getBytes(StandardCharsets.US_ASCII);
    /** the bytes after the canonical text's body: {@code ,"hash":"<64 hex>"}}. */
    static final int SUFFIX = HASH_FIELD.length + 64 + 2;

    private RecordCodec() {
    }

    /**
     * the encoded form of one record.
     *
     * @param line the bytes to append, newline included
     */
    record Encoded(AuditRecord record, byte[] line) {
    }

    static MessageDigest sha256() {
        return Sha256.digest();
    }

    /** the record without {@code hash} as a json object; the one definition of the record layout. */
    static ObjectNode body(long seq, Instant time, AuditEntry entry, String prev) {
        ObjectNode node = NODES.objectNode();
        node.put("seq", seq);
        node.put("time", time.toString());
        node.putObject("caller")
                .put("uid", entry.caller().uid())
                .put("user", entry.caller().user())
                .put("pid", entry.caller().pid());
        node.put("action", entry.action());
        node.set("params", entry.params() == null ? NODES.nullNode() : entry.params());
        node.put("decision", entry.decision());
        node.put("rule", entry.rule());
        node.put("reason", entry.reason());
        node.put("outcome", entry.outcome());
        node.put("txid", entry.txid());
        if (entry.changes() != null) {
            node.set("changes", entry.changes());
        }
        node.put("prev", prev);
        return node;
    }

    static Encoded encode(long seq, Instant time, AuditEntry entry, String prev, MessageDigest sha) {
        byte[] canonical;
        try {
            canonical = CANONICAL.writeValueAsBytes(body(seq, time, entry, prev));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String hash = HEX.formatHex(sha.digest(canonical));
        int body = canonical.length - 1;
        byte[] line = Arrays.copyOf(canonical, body + SUFFIX + 1);
        System.arraycopy(HASH_FIELD, 0, line, body, HASH_FIELD.length);
        byte[] hex = hash.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(hex, 0, line, body + HASH_FIELD.length, hex.length);
        line[line.length - 3] = '"';
        line[line.length - 2] = '}';
        line[line.length - 1] = '\n';
        return new Encoded(new AuditRecord(seq, time, entry, prev, hash), line);
    }

    /**
     * where the 64 hex digits of the hash stored in the line {@code buf[off, off+len)} (no
     * newline) start, or -1 when the line does not end with a hash field.
     */
    static int hashAt(byte[] buf, int off, int len) {
        int field = off + len - SUFFIX;
        if (len <= SUFFIX || !Arrays.equals(buf, field, field + HASH_FIELD.length, HASH_FIELD, 0, HASH_FIELD.length)
                || buf[off + len - 2] != '"' || buf[off + len - 1] != '}') {
            return -1;
        }
        int hex = field + HASH_FIELD.length;
        for (int i = hex; i < hex + 64; i++) {
            if (hexValue(buf[i]) < 0) {
                return -1;
            }
        }
        return hex;
    }

    /** the value of a lowercase hex digit, or -1. */
    private static int hexValue(byte digit) {
        if (digit >= '0' && digit <= '9') {
            return digit - '0';
        }
        return digit >= 'a' && digit <= 'f' ? digit - 'a' + 10 : -1;
    }

    /** the hash stored in the line, or null when it has none. */
    static String storedHash(byte[] buf, int off, int len) {
        int hex = hashAt(buf, off, len);
        return hex < 0 ? null : new String(buf, hex, 64, StandardCharsets.US_ASCII);
    }

    /** whether the hash stored at {@code hex} is the sha-256 of the canonical text the line was made from. */
    static boolean hashMatches(byte[] buf, int off, int len, int hex, MessageDigest sha) {
        sha.update(buf, off, len - SUFFIX);
        sha.update((byte) '}');
        byte[] digest = sha.digest();
        for (int i = 0; i < digest.length; i++) {
            int stored = hexValue(buf[hex + 2 * i]) << 4 | hexValue(buf[hex + 2 * i + 1]);
            if ((byte) stored != digest[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * the chain fields of a line.
     *
     * @param seq the record's seq, or -1 when absent
     * @param prev the record's prev, or null when absent
     */
    record Link(long seq, String prev) {
    }

    /**
     * reads {@code seq} and {@code prev} from the top level of a line, skipping everything else.
     * a plain streaming parser is enough here: the line's bytes are covered by its hash, which is
     * checked first.
     */
    static Link link(byte[] buf, int off, int len) throws IOException {
        long seq = -1;
        String prev = null;
        try (JsonParser parser = LINK_PARSERS.createParser(buf, off, len)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a json object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (name.equals("seq") && value == JsonToken.VALUE_NUMBER_INT) {
                    seq = parser.getLongValue();
                } else if (name.equals("prev") && value == JsonToken.VALUE_STRING) {
                    prev = parser.getText();
                } else {
                    parser.skipChildren();
                }
            }
        }
        return new Link(seq, prev);
    }

    /** parses a whole line back into a record; the hash is taken as stored, not checked. */
    static AuditRecord decode(byte[] buf, int off, int len) throws IOException {
        JsonNode node = Json.MAPPER.readTree(Arrays.copyOfRange(buf, off, off + len));
        try {
            JsonNode caller = required(node, "caller");
            AuditEntry entry = new AuditEntry(
                    new AuditCaller(required(caller, "uid").intValue(), text(caller, "user"), required(caller, "pid")
                            .longValue()),
                    text(node, "action"), nullable(required(node, "params")), text(node, "decision"),
                    node.path("rule").textValue(), node.path("reason").textValue(), text(node, "outcome"),
                    node.path("txid").textValue(), node.get("changes"));
            return new AuditRecord(required(node, "seq").longValue(), Instant.parse(text(node, "time")), entry,
                    text(node, "prev"), text(node, "hash"));
        } catch (DateTimeParseException e) {
            throw new IOException("not an audit record: " + e.getMessage(), e);
        }
    }

    private static JsonNode required(JsonNode node, String field) throws IOException {
        JsonNode value = node.get(field);
        if (value == null) {
            throw new IOException("not an audit record: no '" + field + "'");
        }
        return value;
    }

    private static String text(JsonNode node, String field) throws IOException {
        JsonNode value = required(node, field);
        if (!value.isTextual()) {
            throw new IOException("not an audit record: '" + field + "' is not a string");
        }
        return value.textValue();
    }

    private static JsonNode nullable(JsonNode node) {
        return node.isNull() ? null : node;
    }
}
