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
            Path target = TempDirs.deletedAtExit(Files.createTempDirectory("llmos-e2e-lib"));
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar") || p.toString().endsWith(".classpath")).sorted()
                    .toList()) {
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

    /**
     * a program's own class path, as the launcher builds it: its module's jar and what each
     * {@code lib/LIST.classpath} lists ({@code @LIB@} standing for the lib directory); nothing else, so a
     * class the program needs from another jar fails here as it would for users.
     */
    private static String programClasspath(String module, String... lists) {
        try (Stream<Path> jars = Files.list(LIB)) {
            StringBuilder path = new StringBuilder(jars.map(Path::toString)
                    .filter(p -> p.matches(".*/" + module + "-[0-9][^/]*\\.jar")).findFirst().orElseThrow());
            for (String list : lists) {
                path.append(':').append(Files.readString(LIB.resolve(list + ".classpath")).strip()
                        .replace("@LIB@", LIB.toString()));
            }
            return path.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** llmsh's class path: lib/llmsh.jar, the shell and its dependencies in one jar, as its launcher runs it. */
    static String shellClasspath() {
        return LIB.resolve("llmsh.jar").toString();
    }

    /** the class path that runs {@code mainClass}: its program's own, as the launcher sets it. */
    private static String classpathOf(String mainClass) {
        return switch (mainClass) {
            case "dev.llmos.daemon.Main" -> programClasspath("daemon", "llm-osd", "llm-osd-plugins");
            case "dev.llmos.modeld.ModeldMain" -> programClasspath("modeld", "llm-modeld");
            case "dev.llmos.shell.Main" -> shellClasspath();
            default -> throw new IllegalArgumentException("no program of the distribution runs " + mainClass);
        };
    }

    /** argv that runs {@code mainClass} on its program's class path with the launchers' jvm flags. */
    static List<String> java(String mainClass, List<String> args) {
        return java(classpathOf(mainClass), mainClass, args);
    }

    /** the same with {@code extra} after the program's class path (test plug-ins). */
    static List<String> java(List<Path> extra, String mainClass, List<String> args) {
        StringBuilder path = new StringBuilder(classpathOf(mainClass));
        extra.forEach(entry -> path.append(':').append(entry));
        return java(path.toString(), mainClass, args);
    }

    private static List<String> java(String classpath, String mainClass, List<String> args) {
        List<String> argv = new ArrayList<>(List.of(JAVA, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "--enable-native-access=ALL-UNNAMED", "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
                "-cp", classpath, mainClass));
        argv.addAll(args);
        return argv;
    }

    static List<String> daemon(String... args) {
        return java("dev.llmos.daemon.Main", List.of(args));
    }

    /** llmsh with the export its launcher gives it (bin/llmos-env.sh: its unix sockets without the `SUN` provider). */
    static List<String> llmsh(String... args) {
        List<String> argv = java(shellClasspath(), "dev.llmos.shell.Main", List.of(args));
        argv.add(1, "--add-exports=java.base/sun.security.jca=ALL-UNNAMED");
        return argv;
    }

    /**
     * an {@code llmsh} executable in {@code bin} that runs the tested llmsh against {@code socket}, for
     * what finds llmsh on the path (completion scripts).
     */
    static Path llmshLauncher(Path bin, Path socket) {
        Path launcher = bin.resolve("llmsh");
        StringBuilder script = new StringBuilder("#!/bin/sh\nexec");
        for (String word : llmsh("--socket", socket.toString())) {
            script.append(" '").append(word.replace("'", "'\\''")).append("'");
        }
        try {
            Files.writeString(launcher, script.append(" \"$@\"\n"));
            Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return launcher;
    }

    /** a fresh directory every user may enter (sockets live here), removed when the tests' jvm exits. */
    static Path publicTempDir(String prefix) {
        try {
            Path dir = TempDirs.deletedAtExit(Files.createTempDirectory(prefix));
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
