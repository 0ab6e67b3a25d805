package dev.llmos.actions.files;

import static dev.llmos.action.testkit.Harness.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.action.ActionException;
import dev.llmos.action.testkit.Harness;
import dev.llmos.protocol.RpcException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class FsRestoreActionTest extends ActionTestBase {
    @Test
    void undoAndRedoAlternateAndStayExact() throws Exception {
        Path tree = Fixtures.tree(dir.resolve("t"), Fixtures.file(dir.resolve("o"), "o", 0644));
        List<String> before = TreeState.of(tree);
        Harness.Run step = harness.run("fs.delete", params("path", tree.toString(), "recursive", true));
        for (int i = 0; i < 4; i++) {
            step = harness.undo(step);
            assertEquals(i % 2 == 0, Files.exists(tree), "step " + i);
        }
        step = harness.undo(step);
        assertEquals(before, TreeState.of(tree));
        assertEquals(1, Fixtures.names(quarantine).size(), "only the item for the next redo");
    }

    @Test
    void anItemRestoresOnlyToItsOwnPath() throws Exception {
        Path file = Fixtures.file(dir.resolve("a"), "a", 0644);
        Harness.Run run = harness.run("fs.delete", params("path", file.toString()));
        String item = ((FsRestoreAction.Params) run.inverse().params()).item();
        ActionException e = assertThrows(ActionException.class,
                () -> harness.run("fs.restore", params("path", dir.resolve("b").toString(), "item", item)));
        assertEquals("quarantine item " + item + " belongs to " + file + ", not " + dir.resolve("b")
                + "; nothing was changed", e.getMessage());
        assertEquals(List.of(), Fixtures.names(dir));
    }

    @Test
    void aReplacingItemNeedsTheExpectedDigest() throws Exception {
        Path file = Fixtures.file(dir.resolve("a"), "a", 0644);
        Harness.Run run = harness.run("fs.write", params("path", file.toString(), "content", "b", "mode", "overwrite"));
        String item = ((FsRestoreAction.Params) run.inverse().params()).item();
        ActionException e = assertThrows(ActionException.class,
                () -> harness.run("fs.restore", params("path", file.toString(), "item", item)));
        assertTrue(e.getMessage().contains("give expect_digest"), e.getMessage());
        assertEquals("b", Files.readString(file));
    }

    @Test
    void itemNamesCannotLeaveTheQuarantine() {
        RpcException e = assertThrows(RpcException.class, () -> harness.run("fs.restore",
                params("path", dir.resolve("x").toString(), "item", "../../etc")));
        assertTrue(e.getMessage().contains("/params/item"), e.getMessage());
    }

    @Test
    void previewsOfUndoSayWhatWouldHappen() throws Exception {
        Path file = Fixtures.file(dir.resolve("motd"), "hello\n", 0644);
        Harness.Run write = harness.run("fs.write", params("path", file.toString(), "content", "bye\n", "mode", "overwrite"));
        JsonNode preview = harness.previewUndo(write);
        assertEquals("write back the earlier content of " + file + " (6 bytes instead of 4 bytes)",
                preview.path("summary").asText());
        assertTrue(preview.path("diff").asText().endsWith("-bye\n+hello\n"), preview.toString());

        Path copy = dir.resolve("motd.bak");
        Harness.Run cp = harness.run("fs.copy", params("source", file.toString(), "destination", copy.toString()));
        assertEquals("move " + copy + " (file, 4 bytes), made by fs.copy, into the quarantine",
                harness.previewUndo(cp).path("summary").asText());

        Harness.Run rm = harness.run("fs.delete", params("path", copy.toString()));
        assertEquals("bring back " + copy + " (file, 4 bytes) from the quarantine",
                harness.previewUndo(rm).path("summary").asText());
        assertFalse(Files.exists(copy));
        assertEquals("bye\n", Files.readString(file));
    }
}
