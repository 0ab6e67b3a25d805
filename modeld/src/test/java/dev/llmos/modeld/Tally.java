package dev.llmos.modeld;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** tokens and nanoseconds summed over a benchmark's runs, and the small helpers the model benchmarks share. */
final class Tally {
    private long tokens;
    private long nanos;

    void add(int count, long elapsed) {
        tokens += count;
        nanos += elapsed;
    }

    double perSecond() {
        return tokens / (nanos / 1e9);
    }

    /** tokens/s beyond what a one-token request costs: prompt, grammar set-up and transport drop out. */
    double decodePerSecond(Tally oneToken) {
        return (tokens - oneToken.tokens) / ((nanos - oneToken.nanos) / 1e9);
    }

    /** a benchmark's body. */
    @FunctionalInterface
    interface Body {
        void run() throws Exception;
    }

    /**
     * runs a benchmark's {@code body} and exits: 0, or 1 after saying why it failed. a loaded model
     * leaves a non-daemon thread behind, so only an explicit exit ends the jvm.
     */
    static void runAndExit(Body body) {
        int code = 0;
        try {
            body.run();
        } catch (Exception e) {
            System.out.println("benchmark failed: " + e);
            code = 1;
        }
        System.exit(code);
    }

    static int intEnv(String name, int fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.strip());
    }

    static String loadAverage() throws IOException {
        String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return fields[0] + " " + fields[1] + " " + fields[2];
    }
}
