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

    @Test
    void procfsIsRecognised() throws Exception {
        try (Fd proc = Fd.openNoSymlinks("/proc", 0x200000); Fd d = open()) {
            assertTrue(proc.onProcfs());
            assertFalse(d.onProcfs());
        }
    }
}
