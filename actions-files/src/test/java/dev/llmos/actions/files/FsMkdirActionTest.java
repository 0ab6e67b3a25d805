package dev.llmos.actions.files;

import static dev.llmos.action.testkit.Harness.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmos.action.ActionException;
import dev.llmos.action.testkit.Harness;
import dev.llmos.action.testkit.TestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class FsMkdirActionTest extends ActionTestBase {
    @Test
    void createsMissingParentsAndUndoRemovesExactlyThose() throws Exception {
        Files.createDirectory(dir.resolve("code"));
        Path path = dir.resolve("code/rust/hello");
        Harness.Run run = harness.run("fs.mkdir", params("path", path.toString(), "parents", true));
        assertEquals(List.of(dir.resolve("code/rust").toString(), path.toString()),
                List.of(run.output().path("created").get(0).asText(), run.output().path("created").get(1).asText()));
        int expected = 0777 & ~Umask.of(TestContext.withQuarantine(quarantine).caller());
        assertEquals(expected, (Integer) Files.getAttribute(path, "unix:mode") & 07777);
        assertEquals(Modes.octal(expected), run.output().path("mode").asText());

        harness.undo(run);
        assertFalse(Files.exists(dir.resolve("code/rust")));
        assertTrue(Files.isDirectory(dir.resolve("code")), "the directory that was there stays");
    }

    @Test
    void undoRefusesOnceSomethingWasPutInside() throws Exception {
        Path path = dir.resolve("logs");
        Harness.Run run = harness.run("fs.mkdir", params("path", path.toString()));
        Fixtures.file(path.resolve("today.log"), "entry", 0644);
        ActionException e = assertThrows(ActionException.class, () -> harness.undo(run));
        assertTrue(e.getMessage().startsWith("changed since: " + path), e.getMessage());
        assertEquals("entry", Files.readString(path.resolve("today.log")));

        Files.delete(path.resolve("today.log"));
        harness.undo(run);
        assertFalse(Files.exists(path), "empty again: now it may go");
    }

    @Test
    void refusesLikeMkdir() throws Exception {
        Path nested = dir.resolve("a/b");
        assertEquals("no such file or directory: " + dir.resolve("a") + " (use parents=true to create missing parents)",
                assertThrows(ActionException.class, () -> harness.run("fs.mkdir", params("path", nested.toString())))
                        .getMessage());
        Path file = Fixtures.file(dir.resolve("f"), "x", 0644);
        assertEquals("already exists: " + file + " (not a directory)", assertThrows(ActionException.class,
                () -> harness.run("fs.mkdir", params("path", file.toString(), "parents", true))).getMessage());
        assertEquals("cannot reach " + file + "/sub: " + file + ": not a directory", assertThrows(ActionException.class,
                () -> harness.run("fs.mkdir", params("path", file + "/sub", "parents", true))).getMessage());
        assertEquals("already exists: " + dir + " (use parents=true to accept an existing directory)",
                assertThrows(ActionException.class, () -> harness.run("fs.mkdir", params("path", dir.toString())))
                        .getMessage());
        assertEquals(List.of("f"), Fixtures.names(dir));
        assertEquals(List.of(), Fixtures.names(quarantine));
    }

    @Test
    void anExistingDirectoryWithParentsIsNothingToDoAndNothingToUndo() throws Exception {
        Harness.Run run = harness.run("fs.mkdir", params("path", dir.toString(), "parents", true));
        assertEquals(0, run.output().path("created").size());
        assertNull(run.inverse());
        assertEquals(List.of(), Fixtures.names(quarantine));
    }
}
