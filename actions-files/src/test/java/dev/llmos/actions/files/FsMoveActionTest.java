package dev.llmos.actions.files;

import static dev.llmos.action.testkit.Harness.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmos.action.ActionException;
import dev.llmos.action.testkit.Harness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class FsMoveActionTest extends ActionTestBase {
    @Test
    void renamesAndUndoMovesItBack() throws Exception {
        Path tree = Fixtures.tree(dir.resolve("photos"), Fixtures.file(dir.resolve("o"), "o", 0644));
        List<String> before = TreeState.of(tree);
        Path to = dir.resolve("holidays");
        Harness.Run run = harness.run("fs.move", params("source", tree.toString(), "destination", to.toString()));
        assertTrue(run.output().path("renamed").asBoolean());
        assertFalse(Files.exists(tree));
        assertEquals(before, TreeState.of(to));
        assertEquals("fs.move", run.inverse().action());

        Harness.Run back = harness.undo(run);
        assertEquals(before, TreeState.of(tree));
        assertFalse(Files.exists(to));
        harness.undo(back);
        assertEquals(before, TreeState.of(to), "undo of the undo moves it again");
        assertEquals(List.of(), Fixtures.names(quarantine), "a move keeps nothing in the quarantine");
    }

    @Test
    void acrossFilesystemsItCopiesExactlyThenRemovesTheSource() throws Exception {
        Path shm = Path.of("/dev/shm");
        Assumptions.assumeTrue(Files.isDirectory(shm) && Fixtures.differentFilesystems(shm, dir),
                "needs /dev/shm on another filesystem");
        Path base = Files.createTempDirectory(shm, "llmos-files-test");
        try {
            Path tree = Fixtures.tree(base.resolve("project"), Fixtures.file(base.resolve("o"), "o", 0644));
            List<String> before = TreeState.of(tree);
            Path to = dir.resolve("project");
            Harness.Run run = harness.run("fs.move", params("source", tree.toString(), "destination", to.toString()));
            assertFalse(run.output().path("renamed").asBoolean());
            assertFalse(Files.exists(tree));
            assertEquals(before, TreeState.of(to));
            harness.undo(run);
            assertEquals(before, TreeState.of(tree));
            assertFalse(Files.exists(to));
        } finally {
            Fixtures.deleteTree(base);
        }
    }

    @Test
    void undoRefusesWhenTheMovedFileChangedSince() throws Exception {
        Path file = Fixtures.file(dir.resolve("draft.txt"), "v1", 0644);
        Path to = dir.resolve("final.txt");
        Harness.Run run = harness.run("fs.move", params("source", file.toString(), "destination", to.toString()));
        Fixtures.file(to, "v2, longer", 0644);
        ActionException e = assertThrows(ActionException.class, () -> harness.undo(run));
        assertTrue(e.getMessage().startsWith("changed since: " + to), e.getMessage());
        assertEquals("v2, longer", Files.readString(to));
        assertFalse(Files.exists(file));
    }

    @Test
    void undoRefusesWhenTheOldPathIsTakenAgain() throws Exception {
        Path file = Fixtures.file(dir.resolve("a"), "a", 0644);
        Path to = dir.resolve("b");
        Harness.Run run = harness.run("fs.move", params("source", file.toString(), "destination", to.toString()));
        Fixtures.file(file, "someone else's", 0644);
        ActionException e = assertThrows(ActionException.class, () -> harness.undo(run));
        assertTrue(e.getMessage().startsWith("occupied now: " + file), e.getMessage());
        assertEquals("someone else's", Files.readString(file));
        assertEquals("a", Files.readString(to));
    }

    @Test
    void neverReplacesAndNeverMovesADirectoryIntoItself() throws Exception {
        Path a = Fixtures.file(dir.resolve("a"), "a", 0644);
        Path b = Fixtures.file(dir.resolve("b"), "b", 0644);
        ActionException e = assertThrows(ActionException.class,
                () -> harness.run("fs.move", params("source", a.toString(), "destination", b.toString())));
        assertEquals("already exists: " + b + " (give the full new path; nothing is ever replaced)", e.getMessage());
        Path tree = Files.createDirectory(dir.resolve("t"));
        e = assertThrows(ActionException.class, () -> harness.run("fs.move",
                params("source", tree.toString(), "destination", tree.resolve("inside").toString())));
        assertEquals("cannot move " + tree + " into itself: " + tree.resolve("inside"), e.getMessage());
        assertEquals("b", Files.readString(b));
    }

    @Test
    void previewSaysRenameOrCopy() throws Exception {
        Path file = Fixtures.file(dir.resolve("a"), "abc", 0644);
        assertEquals("rename " + file + " (file, 3 bytes) to " + dir.resolve("z"), harness.preview("fs.move",
                params("source", file.toString(), "destination", dir.resolve("z").toString())).path("summary").asText());
        assertTrue(Files.exists(file));
    }
}
