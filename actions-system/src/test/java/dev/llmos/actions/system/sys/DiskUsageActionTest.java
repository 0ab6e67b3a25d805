package dev.llmos.actions.system.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.llmos.action.ActionException;
import dev.llmos.action.testkit.TestContext;
import dev.llmos.posix.FileType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskUsageActionTest {
    @TempDir
    Path dir;

    private static long size(Path path) throws Exception {
        return (Long) Files.getAttribute(path, "unix:size", java.nio.file.LinkOption.NOFOLLOW_LINKS);
    }

    /** big/ holds 3000 bytes, mid/ 2000 (plus a hard link to a file counted once), small.txt 100. */
    private void populate() throws Exception {
        Path big = Files.createDirectories(dir.resolve("big/deep"));
        Files.write(big.resolve("one"), new byte[1000]);
        Files.write(dir.resolve("big/two"), new byte[2000]);
        Path mid = Files.createDirectory(dir.resolve("mid"));
        Files.write(mid.resolve("file"), new byte[2000]);
        Files.createLink(mid.resolve("again"), mid.resolve("file"));
        Files.write(dir.resolve("small.txt"), new byte[100]);
        Files.createSymbolicLink(dir.resolve("link"), dir.resolve("big"));
    }

    private DiskUsageAction.DirectoryUsage usage(DiskUsageAction action, Path path) throws ActionException {
        return (DiskUsageAction.DirectoryUsage) TestContext.readOnly().execute(action,
                new DiskUsageAction.Params(path.toString()));
    }

    @Test
    void sizesTheTreeBiggestFirst() throws Exception {
        populate();
        DiskUsageAction.DirectoryUsage usage = usage(new DiskUsageAction(), dir);
        long big = size(dir.resolve("big")) + size(dir.resolve("big/deep")) + 3000;
        long mid = size(dir.resolve("mid")) + 2000;
        long link = size(dir.resolve("link"));
        assertEquals(List.of(
                new DiskUsageAction.Entry("big", FileType.DIR, big),
                new DiskUsageAction.Entry("mid", FileType.DIR, mid),
                new DiskUsageAction.Entry("small.txt", FileType.FILE, 100),
                new DiskUsageAction.Entry("link", FileType.SYMLINK, link)), usage.entries());
        assertEquals(size(dir) + big + mid + 100 + link, usage.bytes());
        assertEquals(4, usage.entryCount());
        assertEquals(10, usage.scanned());
        assertFalse(usage.truncated());
        assertEquals(0, usage.unreadable());
        assertTrue(dir.toRealPath().startsWith(usage.filesystem().mountPoint()), usage.filesystem().toString());
        assertTrue(usage.filesystem().sizeBytes() > 0);
    }

    @Test
    void aTinyBudgetTruncates() throws Exception {
        populate();
        DiskUsageAction.DirectoryUsage usage = usage(new DiskUsageAction(3), dir);
        assertTrue(usage.truncated());
        assertEquals(4, usage.scanned());
        assertTrue(usage.bytes() < usage(new DiskUsageAction(), dir).bytes());
    }

    @Test
    void aFileIsItsOwnSize() throws Exception {
        Path file = Files.write(dir.resolve("blob"), new byte[1234]);
        DiskUsageAction.DirectoryUsage usage = usage(new DiskUsageAction(), file);
        assertEquals(1234, usage.bytes());
        assertEquals(List.of(), usage.entries());
    }

    @Test
    void cancellationStopsTheWalk() throws Exception {
        populate();
        ActionException e = assertThrows(ActionException.class, () -> TestContext.readOnly().cancelAfter(0)
                .execute(new DiskUsageAction(), new DiskUsageAction.Params(dir.toString())));
        assertEquals("cancelled while sizing " + dir, e.getMessage());
    }

    @Test
    void otherFilesystemsAreNotEntered() throws Exception {
        Path dev = Path.of("/dev");
        Path shm = dev.resolve("shm");
        assumeTrue(Files.isDirectory(shm) && !Files.getAttribute(shm, "unix:dev").equals(Files.getAttribute(dev, "unix:dev")),
                "/dev/shm is not a mount of its own here");
        Path big = Files.write(Files.createTempFile(shm, "du", ".bin"), new byte[1 << 20]);
        try {
            DiskUsageAction.DirectoryUsage usage = usage(new DiskUsageAction(), dev);
            assertTrue(usage.bytes() < 1 << 20, usage.toString());
            assertFalse(usage.truncated());
        } finally {
            Files.delete(big);
        }
    }

    @Test
    void listsRealFilesystemsWithoutPseudoOnes() throws Exception {
        List<DiskUsageAction.Filesystem> filesystems = ((DiskUsageAction.Filesystems) new DiskUsageAction()
                .execute(new DiskUsageAction.Params(null), TestContext.readOnly())).filesystems();
        DiskUsageAction.Filesystem root = filesystems.stream()
                .filter(f -> f.mountPoint().equals("/")).findFirst().orElseThrow(() -> new AssertionError(filesystems));
        assertTrue(root.sizeBytes() > 0 && root.usedBytes() <= root.sizeBytes(), root.toString());
        assertTrue(root.usePercent() >= 0 && root.usePercent() <= 100);
        Set<String> pseudo = Set.of("proc", "sysfs", "cgroup", "cgroup2", "devpts", "mqueue");
        assertTrue(filesystems.stream().noneMatch(f -> pseudo.contains(f.type())), filesystems.toString());
        assertEquals(filesystems.stream().map(DiskUsageAction.Filesystem::mountPoint).sorted().toList(),
                filesystems.stream().map(DiskUsageAction.Filesystem::mountPoint).toList());
    }

    @Test
    void mountinfoIsDecoded() throws Exception {
        List<Mounts.Mount> mounts = Mounts.parse("""
                26 1 254:0 / / rw,relatime shared:1 - ext4 /dev/vda rw
                40 26 8:17 / /mnt/my\\040disk rw master:2 propagate_from:1 - vfat /dev/sdb1 rw
                41 26 0:50 / /run/user/1000 rw - tmpfs tmpfs rw
                """);
        assertEquals(new Mounts.Mount("254:0", Path.of("/"), "ext4", "/dev/vda"), mounts.get(0));
        assertEquals(new Mounts.Mount("8:17", Path.of("/mnt/my disk"), "vfat", "/dev/sdb1"), mounts.get(1));
        assertEquals("a\tb\\c", Mounts.unescape("a\\011b\\134c"));
        assertFalse(mounts.get(2).pseudo());

        Mounts.Mount rootMount = Mounts.parse(Files.readString(Mounts.MOUNTINFO)).stream()
                .filter(m -> m.mountPoint().equals(Path.of("/"))).reduce((a, b) -> b).orElseThrow();
        assertEquals(rootMount.device(), Mounts.device((Long) Files.getAttribute(Path.of("/"), "unix:dev")));
    }
}
