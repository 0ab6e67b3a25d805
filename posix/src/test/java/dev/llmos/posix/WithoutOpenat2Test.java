package dev.llmos.posix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * the resolver where openat2 answers {@code ENOSYS} (systemd's {@code RestrictSUIDSGID=} filters it): the
 * same answers, by the component walk, with magic links still refused.
 */
class WithoutOpenat2Test {
    @TempDir
    Path dir;

    @BeforeEach
    void hideOpenat2() {
        Fd.useOpenat2(false);
    }

    @AfterEach
    void restore() {
        Fd.useOpenat2(true);
    }

    @Test
    void resolvesAndRefusesTheSame() throws Exception {
        String real = dir.toRealPath().toString();
        Files.createDirectories(dir.resolve("a/b"));
        Files.writeString(dir.resolve("a/b/f"), "x");
        Files.createSymbolicLink(dir.resolve("l"), Path.of("a/b"));
        try (ResolvedPath plain = Chase.resolve(real + "/a/b/f", Chase.Rules.FOLLOW_ANY);
                ResolvedPath linked = Chase.resolve(real + "/l/f", Chase.Rules.FOLLOW_ANY)) {
            assertEquals(real + "/a/b/f", plain.path());
            assertEquals(plain.requireStat().id(), linked.requireStat().id());
        }
        try (ResolvedPath status = Chase.resolve("/proc/self/status", Chase.Rules.FOLLOW_ANY)) {
            assertEquals("/proc/" + ProcessHandle.current().pid() + "/status", status.path());
        }
        Files.createSymbolicLink(dir.resolve("root"), Path.of("/proc/self/root"));
        Chase.RefusedException e = assertThrows(Chase.RefusedException.class,
                () -> Chase.resolve(real + "/root/etc/passwd", Chase.Rules.FOLLOW_ANY));
        assertTrue(e.getMessage().contains("magic link"), e.getMessage());
        try (Fd d = Fd.openNoSymlinks(real, Libc.O_PATH | Libc.O_DIRECTORY)) {
            assertEquals(PosixException.ELOOP, assertThrows(PosixException.class, () -> d.directoryAt("l")).errno());
        } catch (PosixException expected) {
            // without openat2 a whole path is never opened at once: the walk does it
            assertEquals(PosixException.ELOOP, expected.errno());
        }
    }
}
