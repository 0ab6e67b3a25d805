package dev.llmos.posix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChaseTest {
    @TempDir
    Path dir;

    private String real() throws IOException {
        return dir.toRealPath().toString();
    }

    @Test
    void aPathWithoutSymlinksResolvesToItsObjectAndParent() throws Exception {
        Files.writeString(dir.resolve("f"), "x");
        try (ResolvedPath resolved = Chase.resolve(real() + "/f", Chase.Rules.FOLLOW_ANY)) {
            assertEquals(real() + "/f", resolved.path());
            assertTrue(resolved.exists());
            assertEquals("f", resolved.name());
            assertTrue(resolved.requireStat().isRegularFile());
            assertEquals(Files.getAttribute(dir.resolve("f"), "unix:ino"), resolved.requireStat().id().ino());
            assertEquals(Files.getAttribute(dir.resolve("f"), "unix:dev"), resolved.requireStat().id().dev());
            assertEquals(Files.getAttribute(dir, "unix:ino"), resolved.parentStat().id().ino());
        }
    }

    @Test
    void symlinksOnTheWayAreReplacedByTheirTargets() throws Exception {
        Files.createDirectories(dir.resolve("a/b"));
        Files.writeString(dir.resolve("a/b/f"), "x");
        Files.createSymbolicLink(dir.resolve("l1"), Path.of("a"));
        Files.createSymbolicLink(dir.resolve("a/l2"), Path.of(real() + "/a/b"));
        try (ResolvedPath resolved = Chase.resolve(real() + "/l1/l2/f", Chase.Rules.FOLLOW_ANY)) {
            assertEquals(real() + "/a/b/f", resolved.path());
            assertTrue(resolved.exists());
        }
        Files.createSymbolicLink(dir.resolve("up"), Path.of("a/b/.."));
        try (ResolvedPath resolved = Chase.resolve(real() + "/up/b", Chase.Rules.FOLLOW_ANY)) {
            assertEquals(real() + "/a/b", resolved.path());
            assertTrue(resolved.requireStat().isDirectory());
        }
    }

    @Test
    void aFinalSymlinkIsTheLinkItselfWhenNotFollowed() throws Exception {
        Files.writeString(dir.resolve("target"), "x");
        Files.createSymbolicLink(dir.resolve("link"), Path.of("target"));
        try (ResolvedPath link = Chase.resolve(real() + "/link", Chase.Rules.FOLLOW_ANY.withFollowFinal(false));
                ResolvedPath target = Chase.resolve(real() + "/link", Chase.Rules.FOLLOW_ANY)) {
            assertTrue(link.requireStat().isSymlink());
            assertEquals(real() + "/link", link.path());
            assertEquals(real() + "/target", target.path());
            assertTrue(target.requireStat().isRegularFile());
        }
    }

    @Test
    void missingNamesAreReportedBelowTheDeepestDirectory() throws Exception {
        Files.createSymbolicLink(dir.resolve("dangling"), Path.of("nowhere/deeper"));
        try (ResolvedPath resolved = Chase.resolve(real() + "/dangling/x", Chase.Rules.FOLLOW_ANY)) {
            assertFalse(resolved.exists());
            assertEquals(List.of("nowhere", "deeper", "x"), resolved.missing());
            assertEquals(real() + "/nowhere/deeper/x", resolved.path());
            assertEquals(Files.getAttribute(dir, "unix:ino"), resolved.parentStat().id().ino());
        }
        try (ResolvedPath resolved = Chase.resolve(real() + "/new", Chase.Rules.FOLLOW_ANY)) {
            assertEquals(List.of("new"), resolved.missing());
            assertEquals("new", resolved.name());
        }
    }

    @Test
    void aFileInTheMiddleIsNotADirectory() throws Exception {
        Files.writeString(dir.resolve("f"), "x");
        PosixException e = assertThrows(PosixException.class,
                () -> Chase.resolve(real() + "/f/g", Chase.Rules.FOLLOW_ANY));
        assertEquals(PosixException.ENOTDIR, e.errno());
    }

    @Test
    void symlinkLoopsEnd() throws Exception {
        Files.createSymbolicLink(dir.resolve("a"), Path.of("b"));
        Files.createSymbolicLink(dir.resolve("b"), Path.of("a"));
        PosixException e = assertThrows(PosixException.class,
                () -> Chase.resolve(real() + "/a/x", Chase.Rules.FOLLOW_ANY));
        assertEquals(PosixException.ELOOP, e.errno());
    }

    @Test
    void magicLinksAreRefused() throws Exception {
        Files.createSymbolicLink(dir.resolve("root"), Path.of("/proc/self/root"));
        Chase.RefusedException e = assertThrows(Chase.RefusedException.class,
                () -> Chase.resolve(real() + "/root/etc/passwd", Chase.Rules.FOLLOW_ANY));
        assertTrue(e.getMessage().contains("magic link"), e.getMessage());
        assertThrows(Chase.RefusedException.class,
                () -> Chase.resolve("/proc/" + ProcessHandle.current().pid() + "/cwd", Chase.Rules.FOLLOW_ANY));
        // /proc/self is a plain symlink (to the pid), not a magic one
        try (ResolvedPath status = Chase.resolve("/proc/self/status", Chase.Rules.FOLLOW_ANY)) {
            assertEquals("/proc/" + ProcessHandle.current().pid() + "/status", status.path());
        }
    }

    @Test
    void untrustedLinkOwnersAreRefused() throws Exception {
        Files.createDirectories(dir.resolve("d"));
        Files.createSymbolicLink(dir.resolve("l"), Path.of("d"));
        Chase.Rules nobodyTrusted = new Chase.Rules(true, uid -> false);
        Chase.RefusedException e = assertThrows(Chase.RefusedException.class,
                () -> Chase.resolve(real() + "/l/x", nobodyTrusted));
        assertTrue(e.getMessage().contains("refusing to follow the symlink " + real() + "/l"), e.getMessage());
        try (ResolvedPath link = Chase.resolve(real() + "/l", nobodyTrusted.withFollowFinal(false))) {
            assertTrue(link.requireStat().isSymlink());
        }
    }

    @Test
    void theRootResolvesToItself() throws Exception {
        try (ResolvedPath root = Chase.resolve("/", Chase.Rules.FOLLOW_ANY)) {
            assertEquals("/", root.path());
            assertTrue(root.requireStat().isDirectory());
            assertEquals(root.requireStat().id(), root.parentStat().id());
        }
    }

    @Test
    void descriptorsKeepTheObjectWhateverHappensToItsName() throws Exception {
        Files.createDirectories(dir.resolve("d"));
        Files.writeString(dir.resolve("d/f"), "decided");
        try (ResolvedPath resolved = Chase.resolve(real() + "/d/f", Chase.Rules.FOLLOW_ANY)) {
            Files.move(dir.resolve("d"), dir.resolve("moved"));
            Files.createDirectories(dir.resolve("d"));
            Files.writeString(dir.resolve("d/f"), "swapped");
            Files.createSymbolicLink(dir.resolve("moved/g"), Path.of("/tmp/llmos-chase-test-target"));
            assertEquals("decided", Files.readString(resolved.requireObject().proc(), StandardCharsets.UTF_8));
            // the parent descriptor is the moved directory: a new name lands there, not in the new d
            try (Fd created = resolved.parent().createAt("new", 0600)) {
                assertTrue(Files.exists(dir.resolve("moved/new")));
                assertFalse(Files.exists(dir.resolve("d/new")));
            }
            // a symlink planted at the name is never followed by a create
            PosixException e = assertThrows(PosixException.class, () -> resolved.parent().createAt("g", 0600));
            assertEquals(PosixException.EEXIST, e.errno());
            assertFalse(Files.exists(Path.of("/tmp/llmos-chase-test-target")));
        }
    }
}
