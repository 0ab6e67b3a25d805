package dev.llmos.modeld;

import dev.llmos.gguf.TinyLlama;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * the models the model tests run against: the tiny random-weight llama this suite writes, and the
 * gguf file named by {@code LLMOS_TEST_GGUF} when that is set (the {@code Real*} test classes).
 */
final class TestModels {
    static final String ENV = "LLMOS_TEST_GGUF";
    static final long SEED = 42;
    private static TestModel tiny;

    private TestModels() {
    }

    static synchronized TestModel tiny() {
        if (tiny == null) {
            try {
                Path dir = Files.createTempDirectory("llmos-tiny-");
                dir.toFile().deleteOnExit();
                Path file = TinyLlama.standard().write(dir.resolve(TinyLlama.NAME + ".gguf"), SEED);
                file.toFile().deleteOnExit();
                tiny = new TestModel(TinyLlama.NAME, file, 1);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return tiny;
    }

    /** the file named by {@code LLMOS_TEST_GGUF}; the real-model classes only run when it is set. */
    static TestModel real() {
        Path file = Path.of(System.getenv(ENV));
        return new TestModel(LocalModel.idOf(file), file, Runtime.getRuntime().availableProcessors());
    }
}
