package dev.llmos.actions.system.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.llmos.action.ActionException;
import dev.llmos.action.testkit.TestContext;
import dev.llmos.posix.FileSystemStat;
import dev.llmos.posix.FileType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
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

    /** a program's output, which must succeed. */
    private static String run(String... argv) throws Exception {
        Process process = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), String.join(" ", argv) + ": " + out);
        return out;
    }

    /** the numbers of df's data line for {@code path} in the given columns ("-" as -1). */
    private static long[] df(Path path, String columns) throws Exception {
        List<String> lines = run("df", "-B1", "--output=" + columns, path.toString()).strip().lines().toList();
        return Arrays.stream(lines.getLast().strip().split("\\s+"))
                .mapToLong(word -> word.equals("-") ? -1 : Long.parseLong(word.replace("%", ""))).toArray();
    }

    /** a figure others may change meanwhile: between two readings taken around it, give or take {@code slack}. */
    private static void between(long before, long after, long slack, long actual, String what) {
        assertTrue(actual >= Math.min(before, after) - slack && actual <= Math.max(before, after) + slack,
                what + " " + actual + " not near " + before + ".." + after);
    }

    private static List<DiskUsageAction.Filesystem> filesystems() throws ActionException {
        return ((DiskUsageAction.Filesystems) new DiskUsageAction()
                .execute(new DiskUsageAction.Params(null), TestContext.readOnly())).filesystems();
    }

    private static DiskUsageAction.Filesystem mountedAt(List<DiskUsageAction.Filesystem> filesystems, String point) {
        return filesystems.stream().filter(f -> f.mountPoint().equals(point)).findFirst()
                .orElseThrow(() -> new AssertionError(point + " not in " + filesystems));
    }

    /** the listing's space and inode figures for / are df's and {@code df --output=itotal,iused,iavail,ipcent}'s. */
    @Test
    void theRootFilesystemShowsWhatDfShows() throws Exception {
        String columns = "size,used,avail,pcent,itotal,iused,iavail,ipcent";
        long[] before = df(Path.of("/"), columns);
        DiskUsageAction.Filesystem root = mountedAt(filesystems(), "/");
        long[] after = df(Path.of("/"), columns);
        long bytes = 64L << 20;
        assertEquals(before[0], root.sizeBytes());
        between(before[1], after[1], bytes, root.usedBytes(), "used bytes");
        between(before[2], after[2], bytes, root.availableBytes(), "available bytes");
        between(before[3], after[3], 1, root.usePercent(), "use percent");
        assertEquals(before[4], root.inodes());
        between(before[5], after[5], 1000, root.usedInodes(), "used inodes");
        between(before[6], after[6], 1000, root.freeInodes(), "free inodes");
        between(before[7], after[7], 1, root.inodeUsePercent(), "inode use percent");
        assertEquals(root.inodes(), root.usedInodes() + root.freeInodes());
    }

    /** a path's filesystem carries the inodes of the filesystem holding it, as {@code stat -f} reports them. */
    @Test
    void aPathsFilesystemCountsItsInodes() throws Exception {
        Files.write(dir.resolve("blob"), new byte[10]);
        String format = "%c %d";
        long[] before = Arrays.stream(run("stat", "-f", "-c", format, dir.toString()).strip().split(" "))
                .mapToLong(Long::parseLong).toArray();
        DiskUsageAction.Filesystem filesystem = usage(new DiskUsageAction(), dir).filesystem();
        long[] after = Arrays.stream(run("stat", "-f", "-c", format, dir.toString()).strip().split(" "))
                .mapToLong(Long::parseLong).toArray();
        assertEquals(before[0], filesystem.inodes(), filesystem.toString());
        between(before[1], after[1], 1000, filesystem.freeInodes(), "free inodes");
        assertEquals(filesystem.inodes() - filesystem.freeInodes(), filesystem.usedInodes());
        assertTrue(filesystem.inodeUsePercent() >= 0 && filesystem.inodeUsePercent() <= 100, filesystem.toString());
    }

    /** a tmpfs without an inode limit counts no inodes: null, as {@code df -i} shows "-", not 0%. */
    @Test
    void aFilesystemThatCountsNoInodesShowsNone() throws Exception {
        Path point = Files.createDirectory(dir.resolve("unlimited")).toRealPath();
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "nr_inodes=0,size=1m", "llmos-du-test",
                point.toString()).redirectErrorStream(true).start();
        String said = new String(mount.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assumeTrue(mount.waitFor() == 0, "cannot mount a tmpfs here: " + said);
        try {
            assertEquals(List.of(0L, 0L, 0L, -1L), Arrays.stream(df(point, "itotal,iused,iavail,ipcent")).boxed().toList());
            DiskUsageAction.Filesystem listed = mountedAt(filesystems(), point.toString());
            assertEquals(List.of("tmpfs", "llmos-du-test", 1L << 20), List.of(listed.type(), listed.device(),
                    listed.sizeBytes()));
            assertNull(listed.inodes(), listed.toString());
            assertNull(listed.usedInodes());
            assertNull(listed.freeInodes());
            assertNull(listed.inodeUsePercent());
            Files.write(point.resolve("file"), new byte[100]);
            DiskUsageAction.DirectoryUsage usage = usage(new DiskUsageAction(), point);
            assertEquals(listed.mountPoint(), usage.filesystem().mountPoint());
            assertNull(usage.filesystem().inodes(), usage.toString());
            assertNull(usage.filesystem().inodeUsePercent());
            assertEquals(100 + size(point), usage.bytes());
        } finally {
            run("umount", point.toString());
        }
    }

    @Test
    void percentsRoundUpAsDfDoesAndNeverOverflow() {
        assertEquals(List.of(0, 1, 50, 67, 100, 100), List.of(DiskUsageAction.percent(0, 0), DiskUsageAction.percent(1, 999),
                DiskUsageAction.percent(5, 5), DiskUsageAction.percent(2, 1), DiskUsageAction.percent(7, 0),
                DiskUsageAction.percent(Long.MAX_VALUE, 0)));
        assertEquals(50, DiskUsageAction.percent(Long.MAX_VALUE, Long.MAX_VALUE));
    }

    /** what a fuse server may claim (more free than there is, counts past the signed range) gives bounded figures. */
    @Test
    void absurdStatisticsGiveBoundedFigures() {
        DiskUsageAction.Filesystem claimed = DiskUsageAction.usage(null,
                new FileSystemStat(0x65735546, 4096, 10, 20, -1, 5, 9));
        assertEquals(new DiskUsageAction.Filesystem(null, null, null, 40960, 0, Long.MAX_VALUE, 0, 5L, 0L, 5L, 0),
                claimed);
        DiskUsageAction.Filesystem huge = DiskUsageAction.usage(null, new FileSystemStat(0, 1 << 20, -1, 0, 0, -1, 0));
        assertEquals(List.of(Long.MAX_VALUE, 100, Long.MAX_VALUE, 100), List.of(huge.usedBytes(), huge.usePercent(),
                huge.usedInodes(), huge.inodeUsePercent()));
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
