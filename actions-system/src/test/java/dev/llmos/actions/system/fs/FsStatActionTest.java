package dev.llmos.actions.system.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.llmos.action.ActionException;
import dev.llmos.action.testkit.TestContext;
import dev.llmos.posix.FileType;
import dev.llmos.posix.Posix;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FsStatActionTest {
    private final FsStatAction action = new FsStatAction();

    @TempDir
    Path dir;

    private FsStatAction.Stat stat(Path path) throws ActionException {
        return (FsStatAction.Stat) TestContext.readOnly().execute(action, new FsStatAction.Params(path.toString()));
    }

    @Test
    void describesARegularFile() throws Exception {
        Path file = Files.writeString(dir.resolve("tool.sh"), "#!/bin/sh\n");
        Files.setAttribute(file, "unix:mode", 04754);
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2023-01-02T03:04:05.5Z")));
        Files.createLink(dir.resolve("hard"), file);

        FsStatAction.Stat stat = stat(file);
        assertEquals(FileType.FILE, stat.type());
        assertEquals(10, stat.size());
        assertEquals("4754", stat.mode());
        assertEquals(Posix.getuid(), stat.uid());
        assertEquals(Posix.passwd(Posix.getuid()).orElseThrow().name(), stat.owner());
        assertEquals(Posix.groupName(stat.gid()).orElseThrow(), stat.group());
        assertEquals("2023-01-02T03:04:05.500Z", stat.mtime());
        assertEquals(Files.getAttribute(file, "unix:ino"), stat.inode());
        assertEquals(2, stat.links());
        assertNull(stat.symlinkTarget());
    }

    @Test
    void describesASymlinkItselfNotItsTarget() throws Exception {
        Path target = Files.createDirectory(dir.resolve("target-dir"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), target);
        FsStatAction.Stat stat = stat(link);
        assertEquals(FileType.SYMLINK, stat.type());
        assertEquals(target.toString(), stat.symlinkTarget());
        assertEquals(target.toString().length(), stat.size());
        assertEquals("0777", stat.mode());
        assertEquals(Files.getAttribute(link, "unix:ino", LinkOption.NOFOLLOW_LINKS), stat.inode());

        FsStatAction.Stat dangling = stat(Files.createSymbolicLink(dir.resolve("dangling"), Path.of("missing")));
        assertEquals("missing", dangling.symlinkTarget());
    }

    @Test
    void describesADirectoryWithTheStickyBit() throws Exception {
        Path shared = Files.createDirectory(dir.resolve("shared"));
        Files.setAttribute(shared, "unix:mode", 01777);
        FsStatAction.Stat stat = stat(shared);
        assertEquals(FileType.DIR, stat.type());
        assertEquals("1777", stat.mode());
        assertEquals(shared.toString(), stat.path());
    }

    @Test
    void failuresAreClear() {
        ActionException missing = assertThrows(ActionException.class, () -> stat(dir.resolve("none")));
        assertEquals("no such file or directory: " + dir.resolve("none"), missing.getMessage());
        ActionException relative = assertThrows(ActionException.class, () -> stat(Path.of("x/y")));
        assertEquals("path must be absolute: x/y", relative.getMessage());
    }
}
