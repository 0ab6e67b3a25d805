package dev.llmos.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * onnx runtime's native libraries come from the router's cache, extracted once, never from a copy in a
 * new temporary directory (16 mib at every load, left behind when the process is killed): each run in a
 * fresh jvm, since onnx runtime loads its libraries once per process.
 */
class NativeLibrariesTest {
    @Test
    void theLibrariesAreExtractedOnceIntoTheCacheAndNothingIntoTheTemporaryDirectory(@TempDir Path dir) throws Exception {
        Path cache = dir.resolve("cache");
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        String first = Probe.run(cache, tmp);
        Path libraries = Path.of(first.lines().findFirst().orElseThrow());
        assertTrue(libraries.startsWith(cache), "onnx runtime loads from the cache: " + first);
        Path engine = libraries.resolve("libonnxruntime.so");
        assertTrue(Files.size(engine) > 1 << 20, "the engine is there whole");
        assertTrue(Files.isRegularFile(libraries.resolve("libonnxruntime4j_jni.so")));
        assertEquals("384 dimensions", first.lines().skip(1).findFirst().orElseThrow(), "the model runs on them");
        assertEquals(List.of(), libraries(tmp), "no library was copied into the temporary directory");

        FileTime extracted = Files.getLastModifiedTime(engine);
        String second = Probe.run(cache, tmp);
        assertEquals(first, second);
        assertEquals(extracted, Files.getLastModifiedTime(engine), "the second load reuses the extracted engine");
        assertEquals(List.of(), libraries(tmp));
    }

    private static List<Path> libraries(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".so")).toList();
        }
    }

    /** a fresh jvm whose temporary directory is {@code tmp}: loads the encoder with the cache, embeds a word. */
    static final class Probe {
        public static void main(String[] args) {
            try (MiniLmEncoder encoder = MiniLmEncoder.load(Path.of(args[0]))) {
                System.out.println(System.getProperty(MiniLmEncoder.ORT_NATIVE_PATH));
                System.out.println(encoder.embed("hello").length + " dimensions");
            }
        }

        static String run(Path cache, Path tmp) throws IOException, InterruptedException {
            Process process = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(),
                    "-Djava.io.tmpdir=" + tmp, "--enable-native-access=ALL-UNNAMED", "-cp",
                    System.getProperty("java.class.path"), Probe.class.getName(), cache.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the probe ended");
            assertEquals(0, process.exitValue(), out);
            return out;
        }
    }
}
