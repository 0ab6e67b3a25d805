package dev.llmos.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.protocol.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** entries, a ticking clock and line-level file surgery for the audit tests. */
final class Fixtures {
    static final Instant START = Instant.parse("2025-01-02T03:04:05Z");

    private Fixtures() {
    }

    /** a clock that starts at {@link #START} and advances one second per reading. */
    static InstantSource ticking() {
        AtomicLong seconds = new AtomicLong();
        return () -> START.plusSeconds(seconds.getAndIncrement());
    }

    static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static AuditEntry entry(int uid, String action, int n) {
        return new AuditEntry(new AuditCaller(uid, "user" + uid, 4000 + n), action,
                json("{\"path\":\"/home/user" + uid + "/file-" + n + "\"}"), "allow", "builtin.read",
                "reading is allowed by default", "ok", "tx-" + n, null);
    }

    static List<String> lines(Path file) throws IOException {
        return new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    static void write(Path file, List<String> lines) throws IOException {
        StringBuilder out = new StringBuilder();
        lines.forEach(line -> out.append(line).append('\n'));
        Files.writeString(file, out, StandardCharsets.UTF_8);
    }

    static Path segment(Path dir, int number) {
        return Segments.path(dir, number);
    }
}
