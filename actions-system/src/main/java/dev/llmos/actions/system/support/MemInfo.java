package dev.llmos.actions.system.support;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * the memory counters of {@code /proc/meminfo}, in bytes; a counter the kernel does not report is
 * 0. internal to this module.
 */
public record MemInfo(long totalBytes, long availableBytes, long swapTotalBytes, long swapFreeBytes) {
    public static final Path FILE = Path.of("/proc/meminfo");

    public static MemInfo read() throws IOException {
        Map<String, String> info = TextFiles.keyValues(TextFiles.read(FILE));
        return new MemInfo(bytes(info, "MemTotal"), bytes(info, "MemAvailable"), bytes(info, "SwapTotal"),
                bytes(info, "SwapFree"));
    }

    /** a value such as {@code 16384 kB} in bytes. */
    private static long bytes(Map<String, String> info, String key) {
        String value = info.get(key);
        return value == null ? 0 : Long.parseLong(value.split("\\s+")[0]) * 1024;
    }
}
