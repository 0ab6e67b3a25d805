package dev.llmos.modeld;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * puts llama.cpp's {@code libjllama.so} where only this process uses it. left to itself the
 * binding extracts the library to a fixed name in {@code java.io.tmpdir} and first deletes every
 * file there whose name starts with {@code llama} or {@code jllama}, so two processes starting at
 * once can delete or overwrite each other's copy. here each process extracts into its own
 * directory, removed at exit. an operator who installed the library elsewhere sets
 * {@code -Dde.kherud.llama.lib.path=DIR} and nothing is extracted.
 */
final class NativeLibrary {
    static final String LIB_PATH = "de.kherud.llama.lib.path";
    static final String TMP_DIR = "de.kherud.llama.tmpdir";
    private static final String LIBRARY = "libjllama.so";

    private static boolean prepared;

    private NativeLibrary() {
    }

    static synchronized void prepare() {
        if (prepared) {
            return;
        }
        try {
            Path dir = Files.createTempDirectory("llmos-jllama-");
            dir.toFile().deleteOnExit();
            if (System.getProperty(TMP_DIR) == null) {
                // the binding's clean-up sweeps this directory: let it sweep an empty private one
                System.setProperty(TMP_DIR, dir.toString());
            }
            if (System.getProperty(LIB_PATH) == null) {
                extract(dir);
                System.setProperty(LIB_PATH, dir.toString());
            }
            prepared = true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract the llama.cpp library: " + e.getMessage(), e);
        }
    }

    private static void extract(Path dir) throws IOException {
        String resource = "/de/kherud/llama/Linux/" + arch() + "/" + LIBRARY;
        try (InputStream in = NativeLibrary.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the llama binding has no native library for this machine: " + resource);
            }
            Path library = dir.resolve(LIBRARY);
            Files.copy(in, library, StandardCopyOption.REPLACE_EXISTING);
            library.toFile().deleteOnExit();
        }
    }

    private static String arch() {
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        return switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            default -> arch;
        };
    }
}
