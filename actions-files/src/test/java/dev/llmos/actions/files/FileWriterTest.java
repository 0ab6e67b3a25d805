package dev.llmos.actions.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmos.action.ActionException;
import dev.llmos.action.Caller;
import dev.llmos.posix.Posix;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileWriterTest {
    /** a source that writes some bytes, then fails like a full disk. */
    private static final FileWriter.Source FAILING = out -> {
        out.write(ByteBuffer.wrap("partial".getBytes()));
        throw new IOException("No space left on device");
    };

    @TempDir
    Path dir;

    @Test
    void aFailedReplaceLeavesTheOldFileAndNoTempFile() throws Exception {
        Path file = Fixtures.file(dir.resolve("f"), "old", 0644);
        long inode = inode(file);
        try (Held held = Held.of(file)) {
            ActionException e = assertThrows(ActionException.class,
                    () -> FileWriter.replace(held.entry(), FAILING, false, null, root()));
            assertEquals("no space left on device: " + file, e.getMessage());
        }
        assertEquals("old", Files.readString(file));
        assertEquals(inode, inode(file));
        assertEquals(List.of("f"), Fixtures.names(dir));
    }

    @Test
    void aFailedCreateLeavesNothing() throws Exception {
        Path file = dir.resolve("new");
        try (Held held = Held.of(file)) {
            assertThrows(ActionException.class, () -> FileWriter.create(held.resolved().parent(), "new", file.toString(),
                    FAILING, 0644));
        }
        assertFalse(Files.exists(file));
        assertEquals(List.of(), Fixtures.names(dir));
    }

    @Test
    void aCreateNeverReplacesWhatTookTheNameMeanwhile() throws Exception {
        Path file = dir.resolve("new");
        try (Held held = Held.of(file)) {
            Fixtures.file(file, "someone else's", 0600);
            ActionException e = assertThrows(ActionException.class, () -> FileWriter.create(
                    held.resolved().parent(), "new", file.toString(), FileWriter.Source.of("mine".getBytes()), 0644));
            assertEquals("already exists: " + file + " (use mode=overwrite)", e.getMessage());
        }
        assertEquals("someone else's", Files.readString(file));
        assertEquals(List.of("new"), Fixtures.names(dir));
    }

    @Test
    void aFileTheCallerCannotGiveAwayIsRewrittenInPlaceKeepingItsOwner() throws Exception {
        Path file = Fixtures.file(dir.resolve("shared"), "old", 0664);
        Fixtures.owner(file, Fixtures.OTHER_UID, Fixtures.OTHER_GID);
        List<Object> before = List.of(inode(file), Files.getAttribute(file, "unix:uid"),
                Files.getAttribute(file, "unix:gid"), Files.getAttribute(file, "unix:mode"));
        Caller member = new Caller(5555, 5555, 0, "member", List.of(5555, Fixtures.OTHER_GID));
        try (Held held = Held.of(file)) {
            FileWriter.Result result = FileWriter.replace(held.entry(), FileWriter.Source.of("new".getBytes()), true,
                    null, member);
            assertFalse(result.atomic());
        }
        assertEquals("oldnew", Files.readString(file));
        assertEquals(before, List.of(inode(file), Files.getAttribute(file, "unix:uid"),
                Files.getAttribute(file, "unix:gid"), Files.getAttribute(file, "unix:mode")));
    }

    @Test
    void rootNeverRewritesAHardLinkedFileInPlace() throws Exception {
        Assumptions.assumeTrue(Posix.getuid() == 0, "the rule is root's");
        Path file = Fixtures.file(dir.resolve("f"), "old", 0644);
        Path other = Files.createLink(dir.resolve("other-name"), file);
        try (Held held = Held.of(file)) {
            ActionException e = assertThrows(ActionException.class,
                    () -> FileWriter.replace(held.entry(), FileWriter.Source.of("new".getBytes()), false, null, root()));
            assertTrue(e.getMessage().startsWith("refusing to rewrite " + file + " in place as root: it has 2 hard links"),
                    e.getMessage());
        }
        assertEquals("old", Files.readString(other));
        assertEquals(List.of("f", "other-name"), Fixtures.names(dir));
    }

    private static long inode(Path path) throws IOException {
        return (Long) Files.getAttribute(path, "unix:ino");
    }

    private static Caller root() {
        return new Caller(0, 0, 0, "root", List.of(0));
    }
}
