package dev.llmos.actions.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.llmos.action.ActionException;
import dev.llmos.action.Caller;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
        Stat old = Stat.lstat(file);
        ActionException e = assertThrows(ActionException.class,
                () -> FileWriter.replace(file, old, FAILING, false, null, root()));
        assertEquals("no space left on device: " + file, e.getMessage());
        assertEquals("old", Files.readString(file));
        assertEquals(old.inode(), Stat.lstat(file).inode());
        assertEquals(List.of("f"), Fixtures.names(dir));
    }

    @Test
    void aFailedCreateLeavesNothing() {
        Path file = dir.resolve("new");
        assertThrows(ActionException.class, () -> FileWriter.create(file, FAILING, 0644));
        assertFalse(Files.exists(file));
        assertEquals(0, dir.toFile().list().length);
    }

    @Test
    void aFileTheCallerCannotGiveAwayIsRewrittenInPlaceKeepingItsOwner() throws Exception {
        Path file = Fixtures.file(dir.resolve("shared"), "old", 0664);
        Fixtures.owner(file, Fixtures.OTHER_UID, Fixtures.OTHER_GID);
        Stat old = Stat.lstat(file);
        Caller member = new Caller(5555, 5555, 0, "member", List.of(5555, Fixtures.OTHER_GID));
        FileWriter.Result result = FileWriter.replace(file, old, FileWriter.Source.of("new".getBytes()), true, null, member);
        assertFalse(result.atomic());
        assertEquals("oldnew", Files.readString(file));
        Stat now = Stat.lstat(file);
        assertEquals(List.of(old.inode(), old.uid(), old.gid(), old.mode()),
                List.of(now.inode(), now.uid(), now.gid(), now.mode()));
    }

    private static Caller root() {
        return new Caller(0, 0, 0, "root", List.of(0));
    }
}
