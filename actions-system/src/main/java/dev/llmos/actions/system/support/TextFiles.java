package dev.llmos.actions.system.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * reads the small text files of /proc, /sys and /etc. their size is often reported as 0, so they
 * are read to the end rather than by size. internal to this module.
 */
public final class TextFiles {
    private TextFiles() {
    }

    /** the whole file as utf-8 (invalid bytes replaced). */
    public static String read(Path path) throws IOException {
        return new String(Files.readAllBytes(path), StandardCharsets.UTF_8);
    }

    /** at most {@code maxBytes} of the file, as utf-8 (invalid bytes replaced). */
    public static String readPrefix(Path path, int maxBytes) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return new String(in.readNBytes(maxBytes), StandardCharsets.UTF_8);
        }
    }

    /** the file's first line without surrounding blanks, or empty when it cannot be read. */
    public static Optional<String> firstLine(Path path) {
        try {
            String text = read(path);
            int newline = text.indexOf('\n');
            return Optional.of((newline < 0 ? text : text.substring(0, newline)).strip());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** the first line of the file as a number, or null when it is missing or not a number. */
    public static Long number(Path path) {
        try {
            return firstLine(path).map(Long::parseLong).orElse(null);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * {@code key: value} lines (meminfo, status, cpuinfo) as a map; the first occurrence of a key
     * wins, keys and values are stripped, lines without a colon are ignored.
     */
    public static Map<String, String> keyValues(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                values.putIfAbsent(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
            }
        }
        return values;
    }
}
