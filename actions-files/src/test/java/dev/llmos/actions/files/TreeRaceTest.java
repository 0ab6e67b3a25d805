package dev.llmos.actions.files;

import static dev.llmos.action.testkit.Harness.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmos.action.ActionException;
import dev.llmos.action.testkit.Harness;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * fs.copy, fs.move and fs.delete against an attacker who changes names between resolution and the
 * act: they read, move and remove exactly the decided objects, create only in the decided
 * directories, never follow a symlink inside a tree, or refuse.
 */
class TreeRaceTest extends RaceTest {
    @ParameterizedTest
    @ValueSource(strings = {"fs.copy", "fs.move"})
    void theDecidedSourceIsTakenWhenItsDirectoryIsSwapped(String action) throws Exception {
        Fixtures.file(scene.decided.resolve("file"), "decided\n", 0644);
        Path to = base.resolve("to");
        harness.run(action, params("source", scene.decided.resolve("file").toString(), "destination", to.toString()),
                scene.racing(() -> Scene.swapForSymlink(scene.decided, scene.protectedDir)));
        assertEquals("decided\n", Files.readString(to));
        assertEquals(action.equals("fs.copy"), Files.exists(Scene.moved(scene.decided).resolve("file")));
        scene.assertProtectedUnchanged();
    }

    @ParameterizedTest
    @ValueSource(strings = {"fs.copy", "fs.move"})
    void theNewNameLandsInTheDecidedDirectoryWhenItIsRenamedAway(String action) throws Exception {
        Path source = Fixtures.file(base.resolve("source"), "data\n", 0644);
        Path to = scene.decided.resolve("new");
        harness.run(action, params("source", source.toString(), "destination", to.toString()),
                scene.racing(() -> Scene.swapForSymlink(scene.decided, scene.protectedDir)));
        assertEquals("data\n", Files.readString(Scene.moved(scene.decided).resolve("new")));
        assertFalse(Files.exists(scene.protectedDir.resolve("new")));
        scene.assertProtectedUnchanged();
    }

    @Test
    void aDirectoryInsideTheSourceSwappedForASymlinkIsCopiedAsTheSymlinkNeverFollowed() throws Exception {
        Path tree = Files.createDirectory(scene.decided.resolve("tree"));
        Files.createDirectory(tree.resolve("sub"));
        Fixtures.file(tree.resolve("sub/mine"), "mine\n", 0644);
        Path copy = base.resolve("copy");
        harness.run("fs.copy", params("source", tree.toString(), "destination", copy.toString()),
                scene.racing(() -> Scene.swapForSymlink(tree.resolve("sub"), scene.protectedDir)));
        assertTrue(Files.isSymbolicLink(copy.resolve("sub")), "copied as what it is now: a symlink");
        assertEquals(scene.protectedDir, Files.readSymbolicLink(copy.resolve("sub")));
        assertEquals(List.of("sub", "sub.moved"), Fixtures.names(copy));
        scene.assertProtectedUnchanged();
    }

    @Test
    void aSymlinkPlantedAtTheDestinationOfACopyIsRefusedNeverWrittenThrough() throws Exception {
        Path tree = Files.createDirectory(scene.decided.resolve("tree"));
        Fixtures.file(tree.resolve("file"), "x\n", 0644);
        Path copy = base.resolve("copy");
        ActionException e = assertThrows(ActionException.class, () -> harness.run("fs.copy",
                params("source", tree.toString(), "destination", copy.toString()),
                scene.racing(() -> Files.createSymbolicLink(copy, scene.protectedDir.resolve("sub")))));
        assertEquals("already exists: " + copy, e.getMessage());
        assertTrue(Files.isSymbolicLink(copy));
        scene.assertProtectedUnchanged();
        scene.assertQuarantineEmpty();
    }

    @Test
    void aSourceReplacedMeanwhileIsNotMoved() throws Exception {
        Path file = Fixtures.file(scene.decided.resolve("file"), "decided\n", 0644);
        Path aside = scene.decided.resolve("aside");
        Path to = base.resolve("to");
        ActionException e = assertThrows(ActionException.class, () -> harness.run("fs.move",
                params("source", file.toString(), "destination", to.toString()), scene.racing(() -> {
                    Files.move(file, aside);
                    Files.createLink(file, scene.protectedDir.resolve("file"));
                })));
        Scene.assertChangedRefusal(e, file);
        assertFalse(Files.exists(to, LinkOption.NOFOLLOW_LINKS));
        assertEquals("decided\n", Files.readString(aside));
        scene.assertProtectedUnchanged();
    }

    @Test
    void aSymlinkPlantedAtTheDestinationOfAMoveIsRefusedAndTheSourceStays() throws Exception {
        Path file = Fixtures.file(scene.decided.resolve("file"), "decided\n", 0644);
        Path to = base.resolve("to");
        ActionException e = assertThrows(ActionException.class, () -> harness.run("fs.move",
                params("source", file.toString(), "destination", to.toString()),
                scene.racing(() -> Files.createSymbolicLink(to, scene.protectedDir.resolve("file")))));
        assertEquals("already exists: " + to, e.getMessage());
        assertEquals("decided\n", Files.readString(file));
        scene.assertProtectedUnchanged();
    }

    @Test
    void aDeleteTakesTheDecidedFileWhenItsDirectoryIsSwapped() throws Exception {
        Fixtures.file(scene.decided.resolve("file"), "decided\n", 0644);
        Harness.Run run = harness.run("fs.delete", params("path", scene.decided.resolve("file").toString()),
                scene.racing(() -> Scene.swapForSymlink(scene.decided, scene.protectedDir)));
        assertFalse(Files.exists(Scene.moved(scene.decided).resolve("file")));
        assertEquals("decided\n", Files.readString(Path.of(run.output().path("quarantine").asText(), "data")));
        scene.assertProtectedUnchanged();
    }

    @Test
    void aDeleteOfATargetSwappedForAHardLinkToAProtectedFileIsRefused() throws Exception {
        Path file = Fixtures.file(scene.decided.resolve("file"), "decided\n", 0644);
        ActionException e = assertThrows(ActionException.class, () -> harness.run("fs.delete",
                params("path", file.toString()), scene.racing(() -> {
                    Files.delete(file);
                    Files.createLink(file, scene.protectedDir.resolve("file"));
                })));
        Scene.assertChangedRefusal(e, file);
        assertEquals(2, Files.getAttribute(scene.protectedDir.resolve("file"), "unix:nlink"), "the link stays");
        scene.assertProtectedUnchanged();
        scene.assertQuarantineEmpty();
    }

    @Test
    void deletingASymlinkTakesTheLinkNeverItsTarget() throws Exception {
        Path link = Files.createSymbolicLink(scene.decided.resolve("link"), scene.protectedDir);
        Harness.Run run = harness.run("fs.delete", params("path", link.toString(), "recursive", true));
        assertEquals("symlink", run.output().path("type").asText());
        assertFalse(Files.exists(link, LinkOption.NOFOLLOW_LINKS));
        scene.assertProtectedUnchanged();
        harness.undo(run);
        assertEquals(scene.protectedDir, Files.readSymbolicLink(link));
    }

    @Test
    void acrossFilesystemsADeleteCopiesAndRemovesOnlyTheDecidedTree() throws Exception {
        Path shm = Path.of("/dev/shm");
        Assumptions.assumeTrue(Files.isDirectory(shm) && Fixtures.differentFilesystems(shm, base),
                "needs /dev/shm on another filesystem than the tree");
        Path elsewhere = Files.createTempDirectory(shm, "llmos-race-quarantine");
        try {
            Path tree = Files.createDirectory(scene.decided.resolve("tree"));
            Files.createDirectory(tree.resolve("sub"));
            Fixtures.file(tree.resolve("sub/mine"), "mine\n", 0644);
            Harness other = Harness.withQuarantine(elsewhere);
            Harness.Run run = other.run("fs.delete", params("path", tree.toString(), "recursive", true),
                    Scene.racingInto(elsewhere, () -> Scene.swapForSymlink(tree.resolve("sub"), scene.protectedDir)));
            assertFalse(Files.exists(tree, LinkOption.NOFOLLOW_LINKS));
            Path data = Path.of(run.output().path("quarantine").asText(), "data");
            assertTrue(Files.isSymbolicLink(data.resolve("sub")), "the symlink is kept as a symlink");
            assertEquals("mine\n", Files.readString(data.resolve("sub.moved/mine")));
            scene.assertProtectedUnchanged();
        } finally {
            Fixtures.deleteTree(elsewhere);
        }
    }
}
