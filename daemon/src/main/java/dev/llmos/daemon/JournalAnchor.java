package dev.llmos.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.audit.AuditAnchor;
import dev.llmos.protocol.Json;
import dev.llmos.protocol.RpcException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * the audit anchor in the systemd journal: each point is one journal entry sent with journald's
 * native protocol (fields {@code LLMOS_AUDIT_DIR} and {@code LLMOS_AUDIT_POINT}, a fixed
 * {@code MESSAGE_ID}), read back with {@code journalctl}, matching only entries whose trusted
 * {@code _UID} is the daemon's, so no other user can plant a point. the journal is kept apart from
 * the log (its own files, rotation and, where configured, forward-secure sealing or forwarding to
 * another machine), which is what makes it an anchor.
 */
final class JournalAnchor implements AuditAnchor {
    /** identifies anchor entries in the journal ({@code journalctl MESSAGE_ID=...}). */
    static final String MESSAGE_ID = "5b0c6a2e8f4d4b3c9a1e7d2f6c8b0a41";

    private final Path socket;
    private final int uid;

    JournalAnchor(Path socket, int uid) {
        this.socket = socket;
        this.uid = uid;
    }

    @Override
    public void write(Point point) throws IOException {
        new JournalMessage()
                .field("MESSAGE", "llm-osd audit anchor: " + point.event() + " at seq " + point.seq() + " of " + point.dir())
                .field("MESSAGE_ID", MESSAGE_ID)
                .field("PRIORITY", "6")
                .field("SYSLOG_IDENTIFIER", "llm-osd")
                .field("LLMOS_AUDIT_DIR", point.dir())
                .field("LLMOS_AUDIT_POINT", point.toJson())
                .send(socket);
    }

    @Override
    public Optional<Point> latest(String dir) throws IOException {
        List<String> argv = List.of("journalctl", "--no-pager", "--quiet", "-o", "json", "-n", "1",
                "MESSAGE_ID=" + MESSAGE_ID, "_UID=" + uid, "LLMOS_AUDIT_DIR=" + dir);
        Process process = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        byte[] out;
        try {
            out = process.getInputStream().readAllBytes();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("journalctl did not answer within 30 s");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading the journal", e);
        }
        if (process.exitValue() != 0) {
            throw new IOException("journalctl exited with " + process.exitValue());
        }
        String text = new String(out, StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            JsonNode entry = Json.parse(text.getBytes(StandardCharsets.UTF_8));
            JsonNode point = entry.get("LLMOS_AUDIT_POINT");
            if (point == null || !point.isTextual()) {
                throw new IOException("the journal entry has no LLMOS_AUDIT_POINT text");
            }
            return Optional.of(Point.fromJson(point.asText()));
        } catch (RpcException e) {
            throw new IOException("journalctl printed something that is not json: " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return "journal";
    }
}
