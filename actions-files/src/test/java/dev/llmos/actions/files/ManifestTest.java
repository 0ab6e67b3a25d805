package dev.llmos.actions.files;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llmos.posix.FileType;
import dev.llmos.protocol.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** the manifest format: what a quarantine item says about itself, kept across versions of the daemon. */
class ManifestTest {
    private static final Manifest.Meta META = new Manifest.Meta(1000, 1000, "0644",
            "2025-01-02T03:04:05.123456789Z", "2025-01-02T03:04:05Z");

    @Test
    void everyKindRoundTripsThroughJson() throws Exception {
        List<Manifest> manifests = List.of(
                new Manifest.Displaced("fs.delete", "/home/u/report.txt", "2025-01-02T03:04:05Z", FileType.FILE, 1, 12,
                        "d".repeat(64), "s".repeat(64), META),
                new Manifest.Content("fs.write", "/etc/motd", "2025-01-02T03:04:05Z", 12, "s".repeat(64), META),
                new Manifest.Absent("fs.mkdir", "/srv/new", "2025-01-02T03:04:05Z"),
                new Manifest.Modes("fs.chmod", "/srv/www", "2025-01-02T03:04:05Z",
                        List.of(new Manifest.ModeChange("", 12, "0755", "0700"),
                                new Manifest.ModeChange("index.html", 13, "0644", "0600"))));
        for (Manifest manifest : manifests) {
            assertEquals(manifest, Json.MAPPER.readValue(Json.toBytes(manifest), Manifest.class));
        }
    }

    @Test
    void aDisplacedFileSaysWhatAndWhose() {
        Manifest displaced = new Manifest.Displaced("fs.delete", "/home/u/report.txt", "2025-01-02T03:04:05Z",
                FileType.FILE, 1, 12, "d".repeat(64), "s".repeat(64), META);
        assertEquals("{\"kind\":\"displaced\",\"action\":\"fs.delete\",\"original\":\"/home/u/report.txt\","
                + "\"created\":\"2025-01-02T03:04:05Z\",\"type\":\"file\",\"entries\":1,\"bytes\":12,"
                + "\"digest\":\"" + "d".repeat(64) + "\",\"sha256\":\"" + "s".repeat(64) + "\","
                + "\"meta\":{\"uid\":1000,\"gid\":1000,\"mode\":\"0644\",\"mtime\":\"2025-01-02T03:04:05.123456789Z\","
                + "\"atime\":\"2025-01-02T03:04:05Z\"}}", Json.toString(displaced));
    }
}
