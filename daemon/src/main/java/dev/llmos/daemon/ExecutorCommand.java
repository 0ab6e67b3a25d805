package dev.llmos.daemon;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * the command line of an executor: this jvm's java binary and class path. an executor runs as an
 * ordinary user, so every class path entry must be readable by others; entries that are not (a
 * build under /root, say) are copied once into a world-readable directory owned by root.
 */
final class ExecutorCommand {
    private ExecutorCommand() {
    }

    static List<String> build(Path stagingDir) {
        String java = ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> classpath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                classpath.add(readableByOthers(Path.of(entry)) ? entry : stage(Path.of(entry), stagingDir).toString());
            }
        }
        return List.of(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k", "-Xmx256m",
                "--enable-native-access=ALL-UNNAMED", "-cp", String.join(File.pathSeparator, classpath),
                ExecutorMain.class.getName());
    }

    /** true when a user with no special rights can read {@code path} (and search its parents). */
    static boolean readableByOthers(Path path) {
        try {
            Path absolute = path.toAbsolutePath().normalize();
            Set<PosixFilePermission> own = Files.getPosixFilePermissions(absolute);
            boolean readable = own.contains(PosixFilePermission.OTHERS_READ)
                    && (!Files.isDirectory(absolute) || own.contains(PosixFilePermission.OTHERS_EXECUTE));
            for (Path parent = absolute.getParent(); readable && parent != null; parent = parent.getParent()) {
                readable = Files.getPosixFilePermissions(parent).contains(PosixFilePermission.OTHERS_EXECUTE);
            }
            return readable;
        } catch (IOException e) {
            return false;
        }
    }

    private static Path stage(Path entry, Path stagingDir) {
        try {
            Files.createDirectories(stagingDir);
            // executors load these classes as other users: only root may have written them
            if (!Files.getOwner(stagingDir, java.nio.file.LinkOption.NOFOLLOW_LINKS).getName().equals("root")
                    || Files.isSymbolicLink(stagingDir)) {
                throw new IOException("staging directory " + stagingDir + " is not a directory owned by root");
            }
            Files.setPosixFilePermissions(stagingDir, PosixFilePermissions.fromString("rwxr-xr-x"));
            if (Files.isDirectory(entry)) {
                throw new IOException("class path directory " + entry + " is not readable by other users; "
                        + "run the daemon from the packaged jars");
            }
            Path target = stagingDir.resolve(entry.getFileName().toString());
            Path temporary = Files.createTempFile(stagingDir, ".stage", ".jar");
            Files.copy(entry, temporary, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-r--r--"));
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage " + entry + " for executors: " + e.getMessage(), e);
        }
    }
}
