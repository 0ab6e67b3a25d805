package dev.llmos.actions.files;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * the immutable attribute (chattr +i), which stops even root: the one way for a root test to see
 * the kernel refuse a write. tests that need it are skipped where chattr is missing or not allowed.
 */
final class Immutable {
    private Immutable() {
    }

    static void assumeAvailable(Path probe) throws IOException, InterruptedException {
        Assumptions.assumeTrue(chattr("+i", probe) == 0 && chattr("-i", probe) == 0, "chattr +i is not available here");
    }

    static void set(Path path, boolean on) throws IOException, InterruptedException {
        if (chattr(on ? "+i" : "-i", path) != 0) {
            throw new IOException("chattr failed on " + path);
        }
    }

    private static int chattr(String flag, Path path) throws IOException, InterruptedException {
        try {
            return new ProcessBuilder("chattr", flag, path.toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        } catch (IOException e) {
            return -1;
        }
    }
}
