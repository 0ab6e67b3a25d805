package dev.llmos.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * the packaged distribution under test (packaging/target/lib), copied once into a world-readable
 * directory so processes running as other users (executors, clients) can load it too.
 */
final class Distribution {
    private static final Path LIB = copyLib();
    static final String JAVA = ProcessHandle.current().info().command().orElseThrow();

    private Distribution() {
    }

    private static Path copyLib() {
        Path source = Path.of(System.getProperty("user.dir")).resolve("../packaging/target/lib").normalize();
        try (Stream<Path> jars = Files.list(source)) {
            Path target = Files.createTempDirectory("llmos-e2e-lib");
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                Path copy = target.resolve(jar.getFileName());
                Files.copy(jar, copy);
                Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r--r--"));
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("the e2e tests need the packaged jars in " + source
                    + " (run the build through ./mvnw verify)", e);
        }
    }

    static String classpath() {
        try (Stream<Path> jars = Files.list(LIB)) {
            return String.join(":", jars.map(Path::toString).sorted().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** argv that runs {@code mainClass} of the distribution with the launchers' jvm flags. */
    static List<String> java(String mainClass, List<String> args) {
        return java(List.of(), mainClass, args);
    }

    /** the same with {@code extra} after the distribution on the class path (test plug-ins). */
    static List<String> java(List<Path> extra, String mainClass, List<String> args) {
        StringBuilder path = new StringBuilder(classpath());
        extra.forEach(entry -> path.append(':').append(entry));
        List<String> argv = new ArrayList<>(List.of(JAVA, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "--enable-native-access=ALL-UNNAMED", "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
                "-cp", path.toString(), mainClass));
        argv.addAll(args);
        return argv;
    }

    static List<String> daemon(String... args) {
        return java("dev.llmos.daemon.Main", List.of(args));
    }

    static List<String> llmsh(String... args) {
        return java("dev.llmos.shell.Main", List.of(args));
    }

    /** a fresh directory every user may enter (sockets live here). */
    static Path publicTempDir(String prefix) {
        try {
            Path dir = Files.createTempDirectory(prefix);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
