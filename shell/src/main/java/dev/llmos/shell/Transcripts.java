package dev.llmos.shell;

import dev.llmos.protocol.Locations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * where loop transcripts are kept: {@code $XDG_STATE_HOME/llm-osd/transcripts} (else
 * {@code ~/.local/state/llm-osd/transcripts}), owner-only, one {@code NAME.json} (the transcript) and
 * one {@code NAME.run.json} (its run record: transaction ids, times) per loop.
 */
final class Transcripts {
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private Transcripts() {
    }

    static Path directory(Map<String, String> env) {
        return Locations.userState(env).resolve("transcripts");
    }

    /** a new transcript file for a loop started {@code now}. */
    static Path newFile(Map<String, String> env, Instant now) throws IOException {
        Path dir = directory(env);
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir.getParent());
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        byte[] random = new byte[3];
        ThreadLocalRandom.current().nextBytes(random);
        return dir.resolve(NAME.format(now) + "-" + HexFormat.of().formatHex(random) + ".json");
    }

    /** the run record beside {@code transcript}. */
    static Path runFile(Path transcript) {
        String name = transcript.getFileName().toString();
        String base = name.endsWith(".json") ? name.substring(0, name.length() - ".json".length()) : name;
        return transcript.resolveSibling(base + ".run.json");
    }
}
