package dev.llmos.actions.files;

import static dev.llmos.action.testkit.Harness.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmos.action.ActionException;
import dev.llmos.action.testkit.Harness;
import dev.llmos.action.testkit.TestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class FsCopyActionTest extends ActionTestBase {
    @Test
    void copiesATreeKeepingModesAndSymlinksAndUndoTakesTheCopyAway() throws Exception {
        Path outside = Fixtures.file(dir.resolve("outside.txt"), "o", 0644);
        Path tree = Fixtures.tree(dir.resolve("src"), outside);
        List<String> source = TreeState.of(tree);
        Path copy = dir.resolve("copy");
        Harness.Run run = harness.run("fs.copy", params("source", tree.toString(), "destination", copy.toString()));
        assertEquals(source.size(), run.output().path("entries").asInt());
        assertEquals(source, TreeState.of(tree), "the source is untouched");
        assertEquals(columns(source, 0, 1, 2, 3), columns(TreeState.of(copy), 0, 1, 2, 3), "same entries and bytes");
        assertEquals(0644, mode(copy.resolve("a.txt")));
        assertEquals(0755, mode(copy.resolve("bin/run.sh")));
        assertEquals(0755, mode(copy.resolve("bin/tool")), "setuid is not copied, as with cp");
        assertEquals(0700, mode(copy.resolve("private")));
        assertEquals(0, Files.getAttribute(copy.resolve("private/secret"), "unix:uid"), "the copy is the caller's");
        assertTrue(Files.isSymbolicLink(copy.resolve("link")));

        harness.undo(run);
        assertFalse(Files.exists(copy));
        assertEquals(source, TreeState.of(tree));
    }

    @Test
    void aSymlinkNamedAsTheSourceIsFollowed() throws Exception {
        Path file = Fixtures.file(dir.resolve("real"), "content", 0640);
        Path link = Files.createSymbolicLink(dir.resolve("link"), file);
        Path copy = dir.resolve("copy");
        harness.run("fs.copy", params("source", link.toString(), "destination", copy.toString()));
        assertFalse(Files.isSymbolicLink(copy));
        assertEquals("content", Files.readString(copy));
        assertEquals(0640, mode(copy));
    }

    @Test
    void undoRefusesWhenTheCopyChangedSince() throws Exception {
        Path tree = Files.createDirectory(dir.resolve("src"));
        Fixtures.file(tree.resolve("f"), "one", 0644);
        Path copy = dir.resolve("copy");
        Harness.Run run = harness.run("fs.copy", params("source", tree.toString(), "destination", copy.toString()));
        Fixtures.file(copy.resolve("added"), "new work", 0644);
        ActionException e = assertThrows(ActionException.class, () -> harness.undo(run));
        assertTrue(e.getMessage().startsWith("changed since: " + copy), e.getMessage());
        assertEquals("new work", Files.readString(copy.resolve("added")));
    }

    @Test
    void neverOverwritesAndNeverCopiesIntoItself() throws Exception {
        Path a = Fixtures.file(dir.resolve("a"), "a", 0644);
        Path b = Fixtures.file(dir.resolve("b"), "b", 0644);
        ActionException e = assertThrows(ActionException.class,
                () -> harness.run("fs.copy", params("source", a.toString(), "destination", b.toString())));
        assertEquals("already exists: " + b + " (give the full path of the new copy; nothing is ever overwritten)",
                e.getMessage());
        Path tree = Files.createDirectory(dir.resolve("t"));
        e = assertThrows(ActionException.class, () -> harness.run("fs.copy",
                params("source", tree.toString(), "destination", tree.resolve("again").toString())));
        assertEquals("cannot copy " + tree + " into itself: " + tree.resolve("again"), e.getMessage());
        assertEquals("b", Files.readString(b));
        assertEquals(List.of(), Fixtures.names(tree));
        assertEquals(List.of(), Fixtures.names(quarantine));
    }

    @Test
    void cancellingHalfWayLeavesNoHalfCopy() throws Exception {
        Path tree = Files.createDirectory(dir.resolve("src"));
        for (int i = 0; i < 10; i++) {
            Fixtures.file(tree.resolve("f" + i), "x".repeat(i), 0644);
        }
        Path copy = dir.resolve("copy");
        ActionException e = assertThrows(ActionException.class, () -> harness.run("fs.copy",
                params("source", tree.toString(), "destination", copy.toString()), TestContext.withQuarantine(quarantine).cancelAfter(12)));
        assertTrue(e.getMessage().startsWith("cancelled while copying " + tree), e.getMessage());
        assertEquals(List.of("src"), Fixtures.names(dir));
        assertEquals(List.of(), Fixtures.names(quarantine));
    }

    private static int mode(Path path) throws Exception {
        return (Integer) Files.getAttribute(path, "unix:mode") & 07777;
    }

    private static List<String> columns(List<String> lines, int... keep) {
        return lines.stream().map(line -> {
            String[] parts = line.split(" \\| ");
            StringBuilder out = new StringBuilder();
            for (int k : keep) {
                out.append(parts[k]).append(" | ");
            }
            return out.toString();
        }).toList();
    }
}
