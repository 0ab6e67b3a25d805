package dev.llmos.actions.files;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llmos.posix.Posix;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * the file actions as a user who is not root, where the kernel enforces permissions: runs
 * {@link UnprivilegedProbe} in a jvm started through setpriv with another uid and gid. needs root
 * (to switch) and setpriv; skipped otherwise.
 */
class UnprivilegedTest {
    private static final int UID = Fixtures.OTHER_UID;
    private static final int GID = Fixtures.OTHER_GID;

    @TempDir
    Path base;

    @Test
    void theKernelDecidesAndOwnersAreKept() throws Exception {
        Assumptions.assumeTrue(Posix.getuid() == 0, "needs root to switch users");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs setpriv");
        Files.setAttribute(base, "unix:mode", 0755);
        Path shared = directory("shared", 0, 0, 0777);
        Fixtures.owner(Fixtures.file(shared.resolve("team.txt"), "team plan\n", 0664), 0, GID);
        Path locked = directory("locked", 0, 0, 0755);
        Fixtures.file(locked.resolve("keep"), "kept", 0644);
        directory("home", UID, GID, 0755);
        directory("quarantine", UID, GID, 0700);
        Path shm = Path.of("/dev/shm");
        Assumptions.assumeTrue(Files.isDirectory(shm) && Fixtures.differentFilesystems(shm, base),
                "needs /dev/shm on another filesystem");
        Path elsewhere = Files.createTempDirectory(shm, "llmos-files-test");
        try {
            Fixtures.owner(elsewhere, UID, GID);
            runProbe(elsewhere);
        } finally {
            Fixtures.deleteTree(elsewhere);
        }
    }

    private void runProbe(Path elsewhere) throws Exception {

        List<String> command = new ArrayList<>(List.of("/usr/bin/setpriv", "--reuid=" + UID, "--regid=" + GID,
                "--clear-groups", "--", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:-UsePerfData", "--enable-native-access=ALL-UNNAMED", "-cp", readableClassPath(),
                UnprivilegedProbe.class.getName(), base.toString(), Integer.toString(GID), Integer.toString(UID),
                elsewhere.toString()));
        Process probe = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Assumptions.assumeTrue(probe.waitFor(60, TimeUnit.SECONDS), "the probe did not finish");
        assertEquals(0, probe.exitValue(), output);
        assertEquals(8, output.lines().filter(line -> line.startsWith("ok ")).count(), output);
    }

    private Path directory(String name, int uid, int gid, int mode) throws Exception {
        Path dir = Files.createDirectory(base.resolve(name));
        Fixtures.owner(dir, uid, gid);
        Files.setAttribute(dir, "unix:mode", mode);
        return dir;
    }

    /**
     * this test's class path, readable by the probe's user: the jars (under root's private maven
     * repository) are copied beside the test; class directories are used where they are.
     */
    private String readableClassPath() throws Exception {
        Path jars = directory("classpath", 0, 0, 0755);
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (Files.isRegularFile(path)) {
                Path copy = jars.resolve(entries.size() + "-" + path.getFileName());
                Files.copy(path, copy);
                Files.setAttribute(copy, "unix:mode", 0644);
                entries.add(copy.toString());
            } else {
                entries.add(entry);
            }
        }
        return String.join(File.pathSeparator, entries);
    }
}
