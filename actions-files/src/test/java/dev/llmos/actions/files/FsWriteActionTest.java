package dev.llmos.actions.files;

import static dev.llmos.action.testkit.Harness.params;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.action.ActionException;
import dev.llmos.action.testkit.Harness;
import dev.llmos.action.testkit.TestContext;
import dev.llmos.posix.Posix;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FsWriteActionTest extends ActionTestBase {
    @Test
    void createsWithTheCallersUmaskAndUndoTakesTheFileAway() throws Exception {
        Path file = dir.resolve("notes.txt");
        Harness.Run run = harness.run("fs.write", params("path", file.toString(), "content", "buy milk\n"));
        assertEquals("buy milk\n", Files.readString(file));
        assertEquals(0666 & ~umask(), mode(file));
        assertTrue(run.output().path("created").asBoolean());
        assertEquals("create", run.output().path("mode").asText());
        assertEquals(List.of("notes.txt"), Fixtures.names(dir), "no temp file left");

        harness.undo(run);
        assertFalse(Files.exists(file));
        assertEquals(List.of(), Fixtures.names(dir));
    }

    @Test
    void createRefusesAnExistingFileAndChangesNothing() throws Exception {
        Path file = Fixtures.file(dir.resolve("x"), "keep", 0640);
        ActionException e = assertThrows(ActionException.class,
                () -> harness.run("fs.write", params("path", file.toString(), "content", "new")));
        assertEquals("already exists: " + file + " (use mode=overwrite or mode=append)", e.getMessage());
        assertEquals("keep", Files.readString(file));
        assertEquals(List.of(), Fixtures.names(quarantine));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"overwrite, fresh\\n", "append, old line\\nfresh\\n"})
    void rewritesAtomicallyKeepingOwnerGroupAndModeAndUndoIsByteIdentical(String mode, String expected)
            throws Exception {
        Path file = Fixtures.file(dir.resolve("shared.conf"), "old line\n", 0640);
        Fixtures.owner(file, Fixtures.OTHER_UID, Fixtures.OTHER_GID);
        Fixtures.pastTimes(file);
        List<String> before = TreeState.of(file);
        long inode = inode(file);

        Harness.Run run = harness.run("fs.write", params("path", file.toString(), "content", "fresh\n", "mode", mode));
        assertEquals(expected.replace("\\n", "\n"), Files.readString(file));
        assertEquals(0640, mode(file));
        assertEquals(Fixtures.OTHER_UID, Files.getAttribute(file, "unix:uid"));
        assertEquals(Fixtures.OTHER_GID, Files.getAttribute(file, "unix:gid"));
        assertTrue(run.output().path("atomic").asBoolean());
        assertNotEquals(inode, inode(file), "renamed into place");
        assertEquals(List.of("shared.conf"), Fixtures.names(dir), "no temp file left");

        harness.undo(run);
        assertEquals(before, TreeState.of(file), "content, mode, owner and mtime are back");
        assertEquals(List.of("shared.conf"), Fixtures.names(dir));
    }

    @Test
    void undoOfUndoRedoesTheWrite() throws Exception {
        Path file = Fixtures.file(dir.resolve("f"), "one", 0600);
        Harness.Run write = harness.run("fs.write", params("path", file.toString(), "content", "two", "mode", "overwrite"));
        Harness.Run undo = harness.undo(write);
        assertEquals("one", Files.readString(file));
        harness.undo(undo);
        assertEquals("two", Files.readString(file));
    }

    @Test
    void undoRefusesWhenTheFileChangedSinceAndChangesNothing() throws Exception {
        Path file = Fixtures.file(dir.resolve("f"), "one", 0644);
        Harness.Run run = harness.run("fs.write", params("path", file.toString(), "content", "two", "mode", "overwrite"));
        Files.writeString(file, "six");
        ActionException e = assertThrows(ActionException.class, () -> harness.undo(run));
        assertTrue(e.getMessage().startsWith("changed since: " + file), e.getMessage());
        assertEquals("six", Files.readString(file));
        assertEquals(1, Fixtures.names(quarantine).size(), "the saved content stays for a later try");
    }

    @Test
    void asRootAHardLinkedFileIsRefusedForItsOtherNamesMayBeProtected() throws Exception {
        Assumptions.assumeTrue(Posix.getuid() == 0, "the refusal is root's; the unprivileged probe rewrites in place");
        Path file = Fixtures.file(dir.resolve("f"), "old", 0644);
        Path other = Files.createLink(dir.resolve("g"), file);
        ActionException e = assertThrows(ActionException.class, () -> harness.run("fs.write",
                params("path", file.toString(), "content", "new", "mode", "overwrite")));
        assertEquals("refusing to rewrite " + file + " in place as root: it has 2 hard links, and its other names "
                + "(which policy did not decide on) would change too", e.getMessage());
        assertEquals("old", Files.readString(other));
        assertEquals(List.of("f", "g"), Fixtures.names(dir));
        assertEquals(List.of(), Fixtures.names(quarantine));
    }

    @Test
    void aSymlinkIsWrittenThroughToItsTarget() throws Exception {
        Path target = Fixtures.file(dir.resolve("target"), "old", 0644);
        Path link = Files.createSymbolicLink(dir.resolve("link"), target);
        Harness.Run run = harness.run("fs.write", params("path", link.toString(), "content", "new", "mode", "overwrite"));
        assertEquals(target.toString(), run.output().path("path").asText());
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("new", Files.readString(target));
    }

    @Test
    void failuresNameThePathAndLeaveNoTempFiles() throws Exception {
        Path notADir = Fixtures.file(dir.resolve("plain"), "x", 0644);
        ActionException e = assertThrows(ActionException.class,
                () -> harness.run("fs.write", params("path", notADir + "/child", "content", "y")));
        assertEquals("cannot reach " + notADir + "/child: " + notADir + ": not a directory", e.getMessage());
        e = assertThrows(ActionException.class,
                () -> harness.run("fs.write", params("path", dir + "/missing/child", "content", "y")));
        assertEquals("no such file or directory: " + dir.resolve("missing"), e.getMessage());
        e = assertThrows(ActionException.class,
                () -> harness.run("fs.write", params("path", "relative/file", "content", "y")));
        assertEquals("path must be absolute: relative/file", e.getMessage());
        e = assertThrows(ActionException.class,
                () -> harness.run("fs.write", params("path", dir.toString(), "content", "y", "mode", "overwrite")));
        assertEquals("is a directory: " + dir, e.getMessage());
        assertEquals(List.of("plain"), Fixtures.names(dir));
        assertEquals(List.of(), Fixtures.names(quarantine));
    }

    @Test
    void anImmutableFileIsRefusedByTheKernelAndNothingIsLeftBehind() throws Exception {
        Path file = Fixtures.file(dir.resolve("locked"), "old", 0644);
        Immutable.assumeAvailable(file);
        try {
            Immutable.set(file, true);
            ActionException e = assertThrows(ActionException.class, () -> harness.run("fs.write",
                    params("path", file.toString(), "content", "new", "mode", "overwrite")));
            assertEquals("operation not permitted: " + file, e.getMessage());
        } finally {
            Immutable.set(file, false);
        }
        assertEquals("old", Files.readString(file));
        assertEquals(List.of("locked"), Fixtures.names(dir));
        assertEquals(List.of(), Fixtures.names(quarantine));
    }

    @Test
    void previewShowsWhatWouldChangeWithADiffAndChangesNothing() throws Exception {
        Path file = Fixtures.file(dir.resolve("hosts"), "127.0.0.1 localhost\n::1 localhost\n", 0644);
        JsonNode preview = harness.preview("fs.write", params("path", file.toString(),
                "content", "127.0.0.1 localhost\n10.0.0.2 db\n", "mode", "overwrite"));
        assertTrue(preview.path("summary").asText().contains("overwrites 34 bytes with 32 bytes"), preview.toString());
        assertEquals("--- " + file + "\n+++ " + file + "\n@@ -1,2 +1,2 @@\n 127.0.0.1 localhost\n-::1 localhost\n"
                + "+10.0.0.2 db\n", preview.path("diff").asText());
        assertEquals("overwrite", preview.path("changes").path(0).path("op").asText());

        JsonNode append = harness.preview("fs.write", params("path", file.toString(), "content", "x\n", "mode", "append"));
        assertTrue(append.path("diff").asText().endsWith("@@ -1,2 +1,3 @@\n 127.0.0.1 localhost\n ::1 localhost\n+x\n"),
                append.toString());
        JsonNode create = harness.preview("fs.write", params("path", dir + "/new", "content", "a\nb"));
        assertEquals("--- /dev/null\n+++ " + dir + "/new\n@@ -0,0 +1,2 @@\n+a\n+b\n\\ No newline at end of file\n",
                create.path("diff").asText());
        assertEquals("127.0.0.1 localhost\n::1 localhost\n", Files.readString(file));
        assertFalse(Files.exists(dir.resolve("new")));
        assertEquals(List.of(), Fixtures.names(quarantine));
    }

    @Test
    void aFileOverTheQuarantineLimitIsNotOverwritten() throws Exception {
        Path big = Fixtures.sparse(dir.resolve("big.img"), Quarantine.ITEM_LIMIT_BYTES + 1);
        ActionException e = assertThrows(ActionException.class,
                () -> harness.run("fs.write", params("path", big.toString(), "content", "x", "mode", "overwrite")));
        assertTrue(e.getMessage().startsWith("refusing to rewrite " + big + ": it holds 1.0 GiB"), e.getMessage());
        assertEquals(Quarantine.ITEM_LIMIT_BYTES + 1, Files.size(big));
        assertEquals(List.of(), Fixtures.names(quarantine));
    }

    @Test
    void contentIsWrittenAsUtf8() throws Exception {
        Path file = dir.resolve("u");
        harness.run("fs.write", params("path", file.toString(), "content", "grüße ✓"));
        assertArrayEquals("grüße ✓".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(file));
    }

    private static int mode(Path path) throws Exception {
        return (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
    }

    private static long inode(Path path) throws Exception {
        return (Long) Files.getAttribute(path, "unix:ino");
    }

    private static int umask() {
        return Umask.of(TestContext.withQuarantine(Path.of("/")).caller());
    }
}
