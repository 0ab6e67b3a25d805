package dev.llmos.actions.files;

import dev.llmos.action.Caller;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * the caller's file creation mask, so that what an action creates gets the modes the caller's own
 * shell would give it. the daemon's process has its own umask; the caller's is read from
 * {@code /proc/PID/status} of the calling process when that process belongs to the caller.
 */
final class Umask {
    private static final int FALLBACK = 022;

    private Umask() {
    }

    static int of(Caller caller) {
        if (caller.pid() > 0) {
            Path proc = Path.of("/proc", Long.toString(caller.pid()));
            try {
                if ((Integer) Files.getAttribute(proc, "unix:uid") == caller.uid()) {
                    return read(proc.resolve("status"));
                }
            } catch (IOException | IllegalArgumentException e) {
                // the caller has gone or hides its status: fall back to this process's mask
            }
        }
        try {
            return read(Path.of("/proc/self/status"));
        } catch (IOException | IllegalArgumentException e) {
            return FALLBACK;
        }
    }

    /** the mode of a new regular file: {@code 0666} less the mask. */
    static int fileMode(Caller caller) {
        return 0666 & ~of(caller);
    }

    /** the mode of a new directory: {@code 0777} less the mask. */
    static int directoryMode(Caller caller) {
        return 0777 & ~of(caller);
    }

    private static int read(Path status) throws IOException {
        for (String line : new String(Files.readAllBytes(status), StandardCharsets.UTF_8).split("\n")) {
            if (line.startsWith("Umask:")) {
                return Integer.parseInt(line.substring("Umask:".length()).strip(), 8) & 0777;
            }
        }
        throw new IllegalArgumentException("no umask line in " + status);
    }
}
