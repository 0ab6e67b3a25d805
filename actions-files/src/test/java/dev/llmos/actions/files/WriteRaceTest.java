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
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * fs.write and fs.mkdir against an attacker who changes names between resolution and the act:
 * the write and the new directories land exactly in the decided directory, or are refused.
 */
class WriteRaceTest extends RaceTest {
    @Test
    void anOverwriteLandsInTheDecidedDirectoryWhenItsNameBecomesASymlink() throws Exception {
        Path file = Fixtures.file(scene.decided.resolve("file"), "old\n", 0644);
        Harness.Run run = harness.run("fs.write", params("path", file.toString(), "content", "new\n", "mode", "overwrite"),
                scene.racing(() -> Scene.swapForSymlink(scene.decided, scene.protectedDir)));
        assertEquals("new\n", Files.readString(Scene.moved(scene.decided).resolve("file")));
        assertTrue(run.output().path("atomic").asBoolean());
        scene.assertProtectedUnchanged();
        scene.assertNoTempFiles();
    }

    @Test
    void aCreateLandsInTheDecidedDirectoryWhenItIsRenamedAway() throws Exception {
        Path file = scene.decided.resolve("new");
        harness.run("fs.write", params("path", file.toString(), "content", "made\n"),
                scene.racing(() -> Scene.swapForSymlink(scene.decided, scene.protectedDir)));
        assertEquals("made\n", Files.readString(Scene.moved(scene.decided).resolve("new")));
        assertFalse(Files.exists(scene.protectedDir.resolve("new")));
        scene.assertProtectedUnchanged();
        scene.assertNoTempFiles();
    }

    @Test
    void aTargetSwappedForASymlinkIsRefusedAndNothingIsReplaced() throws Exception {
        Path file = Fixtures.file(scene.decided.resolve("file"), "old\n", 0644);
        Path aside = scene.decided.resolve("file.aside");
        ActionException e = assertThrows(ActionException.class, () -> harness.run("fs.write",
                params("path", file.toString(), "content", "new\n", "mode", "overwrite"), scene.racing(() -> {
                    Files.move(file, aside);
                    Files.createSymbolicLink(file, scene.protectedDir.resolve("file"));
                })));
        Scene.assertChangedRefusal(e, file);
        assertTrue(Files.isSymbolicLink(file), "what took the name keeps it");
        assertEquals("old\n", Files.readString(aside));
        scene.assertProtectedUnchanged();
        scene.assertNoTempFiles();
        scene.assertQuarantineEmpty();
    }

    @Test
    void aTargetSwappedForAHardLinkToAProtectedFileIsRefused() throws Exception {
        Path file = Fixtures.file(scene.decided.resolve("file"), "old\n", 0644);
        for (String mode : List.of("overwrite", "append")) {
            Path aside = scene.decided.resolve("file.aside");
            ActionException e = assertThrows(ActionException.class, () -> harness.run("fs.write",
                    params("path", file.toString(), "content", "new\n", "mode", mode), scene.racing(() -> {
                        Files.move(file, aside);
                        Files.createLink(file, scene.protectedDir.resolve("file"));
                    })));
            Scene.assertChangedRefusal(e, file);
            scene.assertProtectedUnchanged();
            assertEquals("old\n", Files.readString(aside));
            Files.delete(file);
            Files.move(aside, file);
        }
        scene.assertNoTempFiles();
        scene.assertQuarantineEmpty();
    }

    @Test
    void aSymlinkPlantedAtTheNameOfANewFileIsNeverWrittenThrough() throws Exception {
        Path file = scene.decided.resolve("new");
        Path bait = scene.protectedDir.resolve("planted");
        ActionException e = assertThrows(ActionException.class, () -> harness.run("fs.write",
                params("path", file.toString(), "content", "x"), scene.racing(() -> Files.createSymbolicLink(file, bait))));
        assertEquals("already exists: " + file + " (use mode=overwrite)", e.getMessage());
        assertFalse(Files.exists(bait));
        scene.assertProtectedUnchanged();
        scene.assertNoTempFiles();
        scene.assertQuarantineEmpty();
    }

    @Test
    void theOldContentKeptForUndoIsTheDecidedFilesWhateverTheNameHoldsLater() throws Exception {
        Path file = Fixtures.file(scene.decided.resolve("file"), "decided\n", 0644);
        Harness.Run run = harness.run("fs.write", params("path", file.toString(), "content", "new\n", "mode", "append"),
                scene.racing(() -> Scene.swapForSymlink(scene.decided, scene.protectedDir)));
        Path moved = Scene.moved(scene.decided).resolve("file");
        assertEquals("decided\nnew\n", Files.readString(moved));
        String item = ((FsRestoreAction.Params) run.inverse().params()).item();
        assertEquals("decided\n", Files.readString(quarantine.resolve(item).resolve("data")));
        scene.assertProtectedUnchanged();
    }

    @Test
    void mkdirMakesEveryMissingDirectoryInTheDecidedOne() throws Exception {
        Path path = scene.decided.resolve("a/b/c");
        JsonNode made = harness.run("fs.mkdir", params("path", path.toString(), "parents", true),
                scene.racing(() -> Scene.swapForSymlink(scene.decided, scene.protectedDir))).output();
        assertEquals(3, made.path("created").size());
        assertTrue(Files.isDirectory(Scene.moved(scene.decided).resolve("a/b/c")));
        assertFalse(Files.exists(scene.protectedDir.resolve("a")));
        scene.assertProtectedUnchanged();
    }

    @Test
    void mkdirRefusesASymlinkPlantedAtTheNameItCreates() throws Exception {
        Path top = scene.decided.resolve("a");
        ActionException e = assertThrows(ActionException.class, () -> harness.run("fs.mkdir",
                params("path", top.resolve("b").toString(), "parents", true),
                scene.racing(() -> Files.createSymbolicLink(top, scene.protectedDir))));
        assertEquals("already exists: " + top, e.getMessage());
        assertFalse(Files.exists(scene.protectedDir.resolve("b")));
        assertTrue(Files.isSymbolicLink(top));
        scene.assertProtectedUnchanged();
        scene.assertQuarantineEmpty();
    }
}
