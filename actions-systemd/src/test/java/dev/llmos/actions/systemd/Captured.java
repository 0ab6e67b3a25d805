package dev.llmos.actions.systemd;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * output of systemd 252's tools captured from a booted container (see captured/capture.sh): the
 * parsers are tested on what the real programs print.
 */
final class Captured {
    private Captured() {
    }

    static String text(String name) {
        try (InputStream in = Captured.class.getResourceAsStream("captured/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no captured output " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** a failed run as the tool left it: its captured stderr and exit status. */
    static Command.Result failed(String stderrFile, int exit) {
        return new Command.Result(exit, "", text(stderrFile), false);
    }
}
