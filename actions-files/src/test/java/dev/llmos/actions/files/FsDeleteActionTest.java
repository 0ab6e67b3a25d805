package dev.llmos.actions.files;

import static dev.llmos.action.testkit.Harness.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.action.ActionException;
import dev.llmos.action.testkit.Harness;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class FsDeleteActionTest extends ActionTestBase {
    @Test
    void deletesATreeIntoTheQuarantineAndUndoBringsItBackByteIdentical() throws Exception {
        Path outside = Fixtures.file(dir.resolve("outside.txt"), "not part of the tree", 0644);
        Path tree = Fixtures.tree(dir.resolve("tree"), outside);
        deleteAndRestore(tree, outside);
    }

    @Test
    void acrossFilesystemsTheTreeIsCopiedExactlyAndComesBackByteIdentical() throws Exception {
        Path shm = Path.of("/dev/shm");
        Assumptions.assumeTrue(Files.isDirectory(shm) && Fixtures.differentFilesystems(shm, quarantine),
                "needs /dev/shm on another filesystem than the quarantine");
        Path base = Files.createTempDirectory(shm, "llmos-files-test");
        try {
            Path outside = Fixtures.file(base.resolve("outside.txt"), "not part of the tree", 0644);
            Path tree = Fixtures.tree(base.resolve("tree"), outside);
            deleteAndRestore(tree, outside);
        } finally {
            Fixtures.deleteTree(base);
        }
    }

    private void deleteAndRestore(Path tree, Path outside) throws Exception {
        List<String> before = TreeState.of(tree);
        List<String> parent = Fixtures.names(tree.getParent());

        Harness.Run run = harness.run("fs.delete", params("path", tree.toString(), "recursive", true));
        assertFalse(Files.exists(tree, LinkOption.NOFOLLOW_LINKS));
        assertEquals("not part of the tree", Files.readString(outside), "the symlink was not followed");
        assertEquals("dir", run.output().path("type").asText());
        assertEquals(before.size(), run.output().path("entries").asInt());
        Path item = Path.of(run.output().path("quarantine").asText());
        assertEquals(before, TreeState.of(item.resolve("data")), "the quarantine holds it exactly");
        assertTrue(Files.isRegularFile(item.resolve("manifest.json")));

        Harness.Run undo = harness.undo(run);
        assertEquals(before, TreeState.of(tree));
        assertEquals(parent, Fixtures.names(tree.getParent()));
        assertFalse(Files.exists(item), "the used item is gone");
        Path redo = quarantine.resolve(((FsRestoreAction.Params) undo.inverse().params()).item());
        assertEquals(List.of("manifest.json"), Fixtures.names(redo), "redo only records that the path was free");
    }

    @Test
    void aSingleFileAndASymlinkComeBackToo() throws Exception {
        Path file = Fixtures.file(dir.resolve("f"), "data", 0604);
        Fixtures.owner(file, Fixtures.OTHER_UID, Fixtures.OTHER_GID);
        Path link = Files.createSymbolicLink(dir.resolve("l"), file);
        Fixtures.pastTimes(dir);
        List<String> before = TreeState.of(dir);
        Harness.Run deleteLink = harness.run("fs.delete", params("path", link.toString()));
        assertTrue(Files.exists(file), "the target stays");
        Harness.Run deleteFile = harness.run("fs.delete", params("path", file.toString()));
        assertEquals(List.of(), Fixtures.names(dir));
        harness.undo(deleteFile);
        harness.undo(deleteLink);
        assertEquals(before.subList(1, before.size()), TreeState.of(dir).subList(1, before.size()));
    }

    @Test
    void aNonEmptyDirectoryNeedsRecursive() throws Exception {
        Path tree = Files.createDirectory(dir.resolve("d"));
        Fixtures.file(tree.resolve("x"), "x", 0644);
        ActionException e = assertThrows(ActionException.class,
                () -> harness.run("fs.delete", params("path", tree.toString())));
        assertEquals("directory not empty: " + tree + " (use recursive=true to delete it with everything in it)",
                e.getMessage());
        assertTrue(Files.exists(tree.resolve("x")));
        Path empty = Files.createDirectory(dir.resolve("empty"));
        harness.run("fs.delete", params("path", empty.toString()));
        assertFalse(Files.exists(empty));
    }

    @Test
    void undoRefusesWhenThePathIsTakenAgainAndChangesNothing() throws Exception {
        Path file = Fixtures.file(dir.resolve("report.txt"), "original", 0644);
        Harness.Run run = harness.run("fs.delete", params("path", file.toString()));
        Fixtures.file(file, "a new file in its place", 0600);
        List<String> now = TreeState.of(dir);
        List<String> held = TreeState.of(quarantine);

        ActionException e = assertThrows(ActionException.class, () -> harness.undo(run));
        assertTrue(e.getMessage().startsWith("occupied now: " + file), e.getMessage());
        assertEquals(now, TreeState.of(dir));
        assertEquals(held, TreeState.of(quarantine));

        Files.delete(file);
        harness.undo(run);
        assertEquals("original", Files.readString(file));
    }

    @Test
    void undoRefusesWhenTheQuarantinedItemIsGone() throws Exception {
        Path file = Fixtures.file(dir.resolve("f"), "x", 0644);
        Harness.Run run = harness.run("fs.delete", params("path", file.toString()));
        Fixtures.deleteTree(quarantine.resolve(Fixtures.names(quarantine).getFirst()));
        ActionException e = assertThrows(ActionException.class, () -> harness.undo(run));
        assertTrue(e.getMessage().startsWith("the quarantined item is gone: "), e.getMessage());
        assertFalse(Files.exists(file));
    }

    @Test
    void undoRefusesADamagedItem() throws Exception {
        Path file = Fixtures.file(dir.resolve("f"), "x", 0644);
        Harness.Run run = harness.run("fs.delete", params("path", file.toString()));
        Path data = Path.of(run.output().path("quarantine").asText(), "data");
        Files.writeString(data, "y");
        ActionException e = assertThrows(ActionException.class, () -> harness.undo(run));
        assertTrue(e.getMessage().contains("has changed since it was taken"), e.getMessage());
        assertFalse(Files.exists(file));
    }

    @Test
    void refusesWhatTheQuarantineCannotHoldAndChangesNothing() throws Exception {
        Path big = Fixtures.sparse(dir.resolve("disk.img"), 2 * Quarantine.ITEM_LIMIT_BYTES);
        ActionException e = assertThrows(ActionException.class,
                () -> harness.run("fs.delete", params("path", big.toString())));
        assertEquals("refusing to delete " + big + ": it holds 2.0 GiB, over the quarantine limit of 1.0 GiB per item, "
                + "so it could not be undone; nothing was changed", e.getMessage());
        assertTrue(Files.exists(big));
        assertEquals(List.of(), Fixtures.names(quarantine));
    }

    @Test
    void refusesTheRootTheQuarantineAndWhatIsMissing() throws Exception {
        assertEquals("refusing to delete /", assertThrows(ActionException.class,
                () -> harness.run("fs.delete", params("path", "/", "recursive", true))).getMessage());
        assertTrue(assertThrows(ActionException.class, () -> harness.run("fs.delete",
                params("path", quarantine.getParent().toString(), "recursive", true))).getMessage()
                .startsWith("refusing to touch the quarantine: "));
        assertEquals("no such file or directory: " + dir.resolve("nope"), assertThrows(ActionException.class,
                () -> harness.run("fs.delete", params("path", dir.resolve("nope").toString()))).getMessage());
    }

    @Test
    void previewListsWhatWouldGoAndChangesNothing() throws Exception {
        Path tree = Files.createDirectory(dir.resolve("build"));
        for (int i = 0; i < 60; i++) {
            Fixtures.file(tree.resolve("o" + i), "x".repeat(i), 0644);
        }
        JsonNode preview = harness.preview("fs.delete", params("path", tree.toString(), "recursive", true));
        assertEquals("move " + tree + " (directory, 61 entries, 1.7 KiB) to the quarantine; undo brings it back",
                preview.path("summary").asText());
        assertEquals(Preview.LIMIT, preview.path("changes").size());
        assertEquals(11, preview.path("more").asInt());
        assertEquals(61, Fixtures.names(tree).size() + 1);
        assertEquals(List.of(), Fixtures.names(quarantine));
    }
}
