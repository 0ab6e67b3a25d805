package dev.llmos.actions.files;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llmos.action.testkit.Probe;
import dev.llmos.action.testkit.TestUsers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
        TestUsers.assumeRoot();
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
        Probe.Outcome probe = Probe.runAs(UID, GID, base, UnprivilegedProbe.class, List.of(base.toString(),
                Integer.toString(GID), Integer.toString(UID), elsewhere.toString()));
        assertEquals(0, probe.exit(), probe.output());
        assertEquals(8, probe.passed(), probe.output());
    }

    private Path directory(String name, int uid, int gid, int mode) throws Exception {
        Path dir = Files.createDirectory(base.resolve(name));
        Fixtures.owner(dir, uid, gid);
        Files.setAttribute(dir, "unix:mode", mode);
        return dir;
    }
}
