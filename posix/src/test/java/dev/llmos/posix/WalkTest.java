package dev.llmos.posix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WalkTest {
    @TempDir
    Path dir;

    @Test
    void reportsEveryEntryAndNeverFollowsSymlinks() throws Exception {
        Files.createDirectories(dir.resolve("a/b"));
        Files.writeString(dir.resolve("a/b/f"), "x");
        Files.createSymbolicLink(dir.resolve("a/etc"), Path.of("/etc"));
        List<String> seen = new ArrayList<>();
        try (Fd start = Fd.openNoSymlinks(dir.toRealPath().toString(), Libc.O_PATH | Libc.O_DIRECTORY)) {
            Walk.walk(start, (d, name, stat, depth) -> {
                seen.add(depth + ":" + name + ":" + stat.kind().wireName());
                return true;
            });
        }
        assertEquals(List.of("1:a:directory", "2:b:directory", "3:f:file", "2:etc:symlink"), seen);
    }

    @Test
    void aDirectorySwappedForASymlinkWhileWalkingIsNotEntered() throws Exception {
        Files.createDirectories(dir.resolve("a/inner"));
        Files.writeString(dir.resolve("a/inner/mine"), "x");
        List<String> seen = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        try (Fd start = Fd.openNoSymlinks(dir.toRealPath().toString(), Libc.O_PATH | Libc.O_DIRECTORY)) {
            Walk.walk(start, new Walk.Visitor() {
                @Override
                public boolean entry(Fd d, String name, FileStat stat, int depth) throws IOException {
                    seen.add(name);
                    if (name.equals("inner")) {
                        // listed as a directory; swapped for a symlink to /etc before it is entered
                        Files.move(dir.resolve("a/inner"), dir.resolve("moved"));
                        Files.createSymbolicLink(dir.resolve("a/inner"), Path.of("/etc"));
                    }
                    return true;
                }

                @Override
                public void failed(Fd d, String name, Exception e) {
                    failed.add(name);
                }
            });
        }
        assertEquals(List.of("a", "inner"), seen);
        assertEquals(List.of("inner"), failed);
        assertTrue(Files.exists(dir.resolve("moved/mine")));
    }
}
