package dev.llmos.posix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FdTest {
    @TempDir
    Path dir;

    private Fd open() throws Exception {
        return Fd.openNoSymlinks(dir.toRealPath().toString(), 0x200000 | Libc.O_DIRECTORY);
    }

    @Test
    void createsWritesRenamesAndRemovesThroughTheDirectory() throws Exception {
        try (Fd d = open()) {
            try (Fd file = d.createAt("a", 0640);
                    FileChannel out = file.channel(Set.of(StandardOpenOption.WRITE))) {
                out.write(ByteBuffer.wrap("hello".getBytes(StandardCharsets.UTF_8)));
            }
            assertEquals("hello", Files.readString(dir.resolve("a")));
            assertEquals(0640, d.statAt("a").orElseThrow().permissions());
            d.mkdirAt("sub", 0750);
            try (Fd sub = d.directoryAt("sub")) {
                d.renameAt("a", sub, "b", Fd.RENAME_NOREPLACE);
                assertEquals(List.of("b"), sub.list());
                try (Fd b = sub.pathAt("b")) {
                    b.chmod(0600);
                    b.setModified(1_000_000_123_000_000L);
                }
                FileStat stat = sub.statAt("b").orElseThrow();
                assertEquals(0600, stat.permissions());
                assertEquals(1_000_000_123_000_000L, stat.mtimeNanos());
                sub.unlinkAt("b");
                assertEquals(Optional.empty(), sub.statAt("b"));
            }
            d.rmdirAt("sub");
            assertFalse(Files.exists(dir.resolve("sub")));
        }
    }

    @Test
    void neverFollowsASymlinkInAName() throws Exception {
        Files.createSymbolicLink(dir.resolve("l"), Path.of("/etc"));
        try (Fd d = open()) {
            PosixException e = assertThrows(PosixException.class, () -> d.directoryAt("l"));
            assertTrue(e.errno() == PosixException.ELOOP || e.errno() == PosixException.ENOTDIR, e.getMessage());
            try (Fd link = d.pathAt("l")) {
                assertTrue(link.stat().isSymlink());
                assertEquals("/etc", link.readlinkAt(""));
            }
            assertEquals("/etc", d.readlinkAt("l"));
            assertThrows(IllegalArgumentException.class, () -> d.pathAt("../x"));
            assertThrows(IllegalArgumentException.class, () -> d.pathAt(".."));
        }
    }

    @Test
    void anUnnamedFileGetsItsNameOnlyWhenComplete() throws Exception {
        try (Fd d = open()) {
            Optional<Fd> unnamed = d.createUnnamed(0644);
            if (unnamed.isEmpty()) {
                return;
            }
            try (Fd file = unnamed.get(); FileChannel out = file.channel(Set.of(StandardOpenOption.WRITE))) {
                out.write(ByteBuffer.wrap("whole".getBytes(StandardCharsets.UTF_8)));
                assertEquals(List.of(), d.list());
                file.linkInto(d, "done");
            }
            assertEquals("whole", Files.readString(dir.resolve("done")));
        }
    }

    @Test
    void exchangeSwapsTwoNamesAtomically() throws Exception {
        Files.writeString(dir.resolve("x"), "1");
        Files.writeString(dir.resolve("y"), "2");
        try (Fd d = open()) {
            d.renameAt("x", d, "y", Fd.RENAME_EXCHANGE);
            PosixException e = assertThrows(PosixException.class, () -> d.renameAt("x", d, "y", Fd.RENAME_NOREPLACE));
            assertEquals(PosixException.EEXIST, e.errno());
        }
        assertEquals("2", Files.readString(dir.resolve("x")));
        assertEquals("1", Files.readString(dir.resolve("y")));
    }

    @Test
    void symlinksAreMadeAndGivenOwnerAndTimesThemselvesNeverTheirTargets() throws Exception {
        Path target = Files.writeString(dir.resolve("target"), "t");
        try (Fd d = open()) {
            d.symlinkAt("target", "link");
            assertEquals("target", d.readlinkAt("link"));
            PosixException taken = assertThrows(PosixException.class, () -> d.symlinkAt("other", "link"));
            assertEquals(PosixException.EEXIST, taken.errno());
            FileStat targetBefore = d.statAt("target").orElseThrow();
            d.setTimesAt("link", 1_100_000_000_000_000_007L, 1_200_000_000_000_000_009L);
            try (Fd link = d.pathAt("link")) {
                link.chown(4242, 4343);
            }
            FileStat link = d.statAt("link").orElseThrow();
            assertEquals(List.of(1_100_000_000_000_000_007L, 1_200_000_000_000_000_009L, 4242, 4343),
                    List.of(link.atimeNanos(), link.mtimeNanos(), link.uid(), link.gid()));
            FileStat targetAfter = d.statAt("target").orElseThrow();
            assertEquals(List.of(targetBefore.mtimeNanos(), targetBefore.uid()),
                    List.of(targetAfter.mtimeNanos(), targetAfter.uid()));
        }
        assertEquals("t", Files.readString(target));
    }

    @Test
    void timesOfTheObjectItselfAreSetTogetherOrOneAtATime() throws Exception {
        Files.writeString(dir.resolve("f"), "x");
        try (Fd d = open(); Fd f = d.pathAt("f")) {
            f.setTimes(1_000_000_000_000_000_001L, 1_000_000_000_000_000_002L);
            assertEquals(List.of(1_000_000_000_000_000_001L, 1_000_000_000_000_000_002L),
                    List.of(f.stat().atimeNanos(), f.stat().mtimeNanos()));
            f.setTimes(Fd.KEEP_TIME, 1_000_000_000_000_000_003L);
            assertEquals(List.of(1_000_000_000_000_000_001L, 1_000_000_000_000_000_003L),
                    List.of(f.stat().atimeNanos(), f.stat().mtimeNanos()));
        }
    }

    /** {@code stat -f} of {@code path}: type (hex), block size, blocks, free, available, inodes, free inodes. */
    private static long[] statF(Path path) throws Exception {
        Process process = new ProcessBuilder("stat", "-f", "-c", "%t %S %b %f %a %c %d", path.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, process.waitFor(), out);
        String[] words = out.split(" ");
        long[] values = new long[words.length];
        values[0] = Long.parseLong(words[0], 16);
        for (int i = 1; i < words.length; i++) {
            values[i] = Long.parseLong(words[i]);
        }
        return values;
    }

    /** a free count others may change meanwhile: between two readings of stat -f taken around it, give or take {@code slack}. */
    private static void between(long before, long after, long slack, long actual, String what) {
        assertTrue(actual >= Math.min(before, after) - slack && actual <= Math.max(before, after) + slack,
                what + " " + actual + " not near " + before + ".." + after);
    }

    @Test
    void statfsAgreesWithStatF() throws Exception {
        for (Path where : List.of(dir, Path.of("/"), Path.of("/proc"))) {
            try (Fd d = Fd.openNoSymlinks(where.toRealPath().toString(), Libc.O_PATH | Libc.O_DIRECTORY)) {
                long[] before = statF(where);
                FileSystemStat stat = d.statfs();
                long[] after = statF(where);
                assertEquals(List.of(before[0], before[1], before[2], before[5]),
                        List.of(stat.type(), stat.blockSize(), stat.blocks(), stat.files()), where.toString());
                long blockSlack = (16 << 20) / Math.max(1, stat.blockSize());
                between(before[3], after[3], blockSlack, stat.freeBlocks(), where + " free blocks");
                between(before[4], after[4], blockSlack, stat.availableBlocks(), where + " available blocks");
                between(before[6], after[6], 1000, stat.freeFiles(), where + " free inodes");
                assertEquals(stat.blocks() * stat.blockSize(), stat.sizeBytes());
                assertEquals(stat.availableBlocks() * stat.blockSize(), stat.availableBytes());
            }
        }
    }

    @Test
    void statfsWorksOnAFileOpenedAsAPathOnly() throws Exception {
        Files.writeString(dir.resolve("f"), "x");
        try (Fd d = open(); Fd file = d.pathAt("f")) {
            assertEquals(d.statfs().blocks(), file.statfs().blocks());
            assertEquals(d.statfs().files(), file.statfs().files());
        }
    }

    @Test
    void countsPastTheSignedRangeSaturate() {
        FileSystemStat hostile = new FileSystemStat(0x65735546, 4096, -1, -2, Long.MAX_VALUE / 2, -1, -1);
        assertEquals(List.of(Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE),
                List.of(hostile.blocks(), hostile.files(), hostile.sizeBytes(), hostile.availableBytes()));
        assertEquals(4096L << 20, new FileSystemStat(0, 4096, 1 << 20, 0, 0, 0, 0).sizeBytes());
    }

    @Test
    void procfsIsRecognised() throws Exception {
        try (Fd proc = Fd.openNoSymlinks("/proc", 0x200000); Fd d = open()) {
            assertTrue(proc.onProcfs());
            assertFalse(d.onProcfs());
        }
    }
}
