package dev.llmos.actions.system.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmos.action.ActionException;
import dev.llmos.action.testkit.TestContext;
import dev.llmos.posix.FileType;
import dev.llmos.posix.Posix;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FsListActionTest {
    private final FsListAction action = new FsListAction();

    @TempDir
    Path dir;

    @BeforeEach
    void populate() throws Exception {
        Files.writeString(dir.resolve("b.txt"), "abc");
        Files.setPosixFilePermissions(dir.resolve("b.txt"), PosixFilePermissions.fromString("rw-r-----"));
        Files.setLastModifiedTime(dir.resolve("b.txt"), FileTime.from(Instant.parse("2024-05-06T07:08:09Z")));
        Files.createDirectory(dir.resolve("a-dir"));
        Files.writeString(dir.resolve(".hidden"), "secret");
        Files.createSymbolicLink(dir.resolve("c-link"), Path.of("b.txt"));
        Files.writeString(dir.resolve("d.log"), "");
    }

    private FsListAction.Listing list(boolean hidden, int limit, int offset) throws ActionException {
        return (FsListAction.Listing) TestContext.readOnly().execute(action,
                new FsListAction.Params(dir.toString(), hidden, limit, offset));
    }

    private static List<String> names(FsListAction.Listing listing) {
        return listing.entries().stream().map(FsListAction.Entry::name).toList();
    }

    @Test
    void listsSortedByNameWithoutHiddenEntries() throws Exception {
        FsListAction.Listing listing = list(false, 200, 0);
        assertEquals(List.of("a-dir", "b.txt", "c-link", "d.log"), names(listing));
        assertEquals(4, listing.total());
        assertFalse(listing.truncated());
        assertEquals(dir.toString(), listing.path());
    }

    @Test
    void hiddenEntriesOnRequest() throws Exception {
        FsListAction.Listing listing = list(true, 200, 0);
        assertEquals(List.of(".hidden", "a-dir", "b.txt", "c-link", "d.log"), names(listing));
        assertEquals(5, listing.total());
    }

    @Test
    void pagesWithLimitAndOffset() throws Exception {
        FsListAction.Listing first = list(true, 2, 0);
        assertEquals(List.of(".hidden", "a-dir"), names(first));
        assertTrue(first.truncated());
        FsListAction.Listing second = list(true, 2, 2);
        assertEquals(List.of("b.txt", "c-link"), names(second));
        assertEquals(2, second.offset());
        assertTrue(second.truncated());
        FsListAction.Listing last = list(true, 2, 4);
        assertEquals(List.of("d.log"), names(last));
        assertFalse(last.truncated());
        FsListAction.Listing beyond = list(true, 2, 99);
        assertEquals(List.of(), beyond.entries());
        assertEquals(5, beyond.offset());
        assertEquals(5, beyond.total());
    }

    @Test
    void describesEachEntry() throws Exception {
        List<FsListAction.Entry> entries = list(false, 200, 0).entries();
        String user = Posix.passwd(Posix.getuid()).orElseThrow().name();
        String group = Posix.groupName(Posix.getgid()).orElseThrow();

        FsListAction.Entry file = entries.get(1);
        assertEquals(new FsListAction.Entry("b.txt", FileType.FILE, 3L, "0640", user, group, "2024-05-06T07:08:09Z",
                null), file);

        FsListAction.Entry sub = entries.get(0);
        assertEquals(FileType.DIR, sub.type());
        assertEquals(Files.getAttribute(dir.resolve("a-dir"), "size"), sub.size());

        FsListAction.Entry link = entries.get(2);
        assertEquals(FileType.SYMLINK, link.type());
        assertEquals("b.txt", link.symlinkTarget());
        assertEquals(5L, link.size());
        assertEquals("0777", link.mode());
    }

    @Test
    void failuresAreClear() {
        ActionException missing = assertThrows(ActionException.class, () -> TestContext.readOnly().execute(action,
                new FsListAction.Params(dir.resolve("nope").toString(), false, 10, 0)));
        assertEquals("no such file or directory: " + dir.resolve("nope"), missing.getMessage());

        ActionException file = assertThrows(ActionException.class, () -> TestContext.readOnly().execute(action,
                new FsListAction.Params(dir.resolve("b.txt").toString(), false, 10, 0)));
        assertEquals("not a directory: " + dir.resolve("b.txt"), file.getMessage());

        ActionException relative = assertThrows(ActionException.class, () -> TestContext.readOnly().execute(action,
                new FsListAction.Params("etc", false, 10, 0)));
        assertEquals("path must be absolute: etc", relative.getMessage());
        assertNull(relative.exitCode());
    }

    @Test
    void followsASymlinkedDirectory() throws Exception {
        Files.writeString(dir.resolve("a-dir/inner"), "x");
        Path link = Files.createSymbolicLink(dir.resolve("dir-link"), dir.resolve("a-dir"));
        FsListAction.Listing listing = (FsListAction.Listing) TestContext.readOnly().execute(action,
                new FsListAction.Params(link.toString(), false, 10, 0));
        assertEquals(List.of("inner"), names(listing));
    }
}
