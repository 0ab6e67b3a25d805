package dev.llmos.actions.files;

import static dev.llmos.action.testkit.Harness.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.action.ActionException;
import dev.llmos.action.testkit.Harness;
import dev.llmos.protocol.RpcException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FsChmodActionTest extends ActionTestBase {
    @Test
    void recursiveChmodAndUndoRestoresEveryPreviousMode() throws Exception {
        Path outside = Fixtures.file(dir.resolve("outside.txt"), "o", 0644);
        Path tree = Fixtures.tree(dir.resolve("t"), outside);
        List<String> before = TreeState.of(tree);
        Harness.Run run = harness.run("fs.chmod", params("path", tree.toString(), "mode", "0640", "recursive", true));
        assertEquals(0640, mode(tree.resolve("nested/deep/deeper/file.bin")));
        assertEquals(0640, mode(tree.resolve("bin/tool")), "setuid cleared");
        assertEquals(0644, mode(outside), "the symlink inside was not followed");
        assertEquals(12, run.output().path("changed").asInt(), "every entry but the two symlinks");

        harness.undo(run);
        assertEquals(modesOnly(before), modesOnly(TreeState.of(tree)));
    }

    @Test
    void setsSetuidAndFollowsANamedSymlink() throws Exception {
        Path tool = Fixtures.file(dir.resolve("tool"), "x", 0755);
        Path link = Files.createSymbolicLink(dir.resolve("link"), tool);
        Harness.Run run = harness.run("fs.chmod", params("path", link.toString(), "mode", "4755"));
        assertEquals(04755, mode(tool));
        assertEquals(tool.toString(), run.output().path("path").asText());
        harness.undo(run);
        assertEquals(0755, mode(tool));
    }

    @Test
    void undoRefusesWhenAModeChangedSinceAndChangesNothing() throws Exception {
        Path tree = Files.createDirectory(dir.resolve("t"));
        Path a = Fixtures.file(tree.resolve("a"), "a", 0600);
        Path b = Fixtures.file(tree.resolve("b"), "b", 0600);
        Harness.Run run = harness.run("fs.chmod", params("path", tree.toString(), "mode", "0755", "recursive", true));
        Files.setAttribute(b, "unix:mode", 0700);
        ActionException e = assertThrows(ActionException.class, () -> harness.undo(run));
        assertTrue(e.getMessage().startsWith("changed since: the modes below " + tree), e.getMessage());
        assertEquals(0755, mode(a));
        assertEquals(0700, mode(b));
        assertEquals(0755, mode(tree));
    }

    @Test
    void undoRefusesWhenAFileWasReplacedOrRemoved() throws Exception {
        Path file = Fixtures.file(dir.resolve("f"), "a", 0600);
        Harness.Run run = harness.run("fs.chmod", params("path", file.toString(), "mode", "0644"));
        Files.delete(file);
        ActionException e = assertThrows(ActionException.class, () -> harness.undo(run));
        assertEquals("changed since: " + file + " is gone; nothing was changed", e.getMessage());
        Fixtures.file(file, "another file", 0640);
        assertThrows(ActionException.class, () -> harness.undo(run));
        assertEquals(0640, mode(file));
    }

    @Test
    void nothingToChangeIsNothingToUndo() throws Exception {
        Path file = Fixtures.file(dir.resolve("f"), "a", 0644);
        Harness.Run run = harness.run("fs.chmod", params("path", file.toString(), "mode", "644"));
        assertEquals(0, run.output().path("changed").asInt());
        assertNull(run.inverse());
    }

    @Test
    void previewWarnsWhenDirectoriesLoseTheirSearchBit() throws Exception {
        Path tree = Files.createDirectory(dir.resolve("t"));
        Fixtures.file(tree.resolve("a"), "a", 0644);
        JsonNode preview = harness.preview("fs.chmod", params("path", tree.toString(), "mode", "0600", "recursive", true));
        assertTrue(preview.path("summary").asText().contains("no search (x) bit"), preview.toString());
        assertEquals("0644 -> 0600", preview.path("changes").path(1).path("detail").asText());
        assertEquals(0644, mode(tree.resolve("a")));
    }

    @Test
    void aSymbolicModeChangesEachEntryFromItsOwnMode() throws Exception {
        Path tree = Files.createDirectory(dir.resolve("t"));
        Files.setAttribute(tree, "unix:mode", 0700);
        Path script = Fixtures.file(tree.resolve("run.sh"), "echo", 0744);
        Path text = Fixtures.file(tree.resolve("notes.txt"), "hi", 0600);
        Harness.Run run = harness.run("fs.chmod", params("path", tree.toString(), "mode", "go+rX", "recursive", true));
        assertEquals(0755, mode(tree), "a directory gets x");
        assertEquals(0755, mode(script), "an executable file gets x");
        assertEquals(0644, mode(text), "a plain file gets no x");
        assertEquals("go+rX", run.output().path("mode").asText());
        harness.undo(run);
        assertEquals(0700, mode(tree));
        assertEquals(0744, mode(script));
        assertEquals(0600, mode(text));
    }

    @Test
    void plusXWithoutAClassLeavesTheUmaskedBits() throws Exception {
        Path script = Fixtures.file(dir.resolve("run.sh"), "echo", 0640);
        harness.run("fs.chmod", params("path", script.toString(), "mode", "+x"));
        assertEquals(0751, mode(script));
    }

    @ParameterizedTest
    @ValueSource(strings = {"999", "rwxr-xr-x", "07777", "64", "u+q", "x+u", "+x,", "u+x go-w"})
    void modesChmodWouldRefuseAreInvalidParams(String mode) {
        RpcException e = assertThrows(RpcException.class,
                () -> harness.run("fs.chmod", params("path", dir.toString(), "mode", mode)));
        assertTrue(e.getMessage().contains("/params/mode"), e.getMessage());
    }

    private static int mode(Path path) throws Exception {
        return (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
    }

    /** path, type and mode of each line of a {@link TreeState}. */
    private static List<String> modesOnly(List<String> lines) {
        return lines.stream().map(line -> {
            String[] parts = line.split(" \\| ");
            return parts[0] + " " + parts[1] + " " + parts[4];
        }).toList();
    }
}
