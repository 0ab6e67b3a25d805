package dev.llmos.actions.files;

import static dev.llmos.action.testkit.Harness.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmos.action.ActionException;
import dev.llmos.action.testkit.Harness;
import dev.llmos.posix.Posix;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * fs.chmod, fs.restore and fs.purge_quarantine against an attacker who changes names between
 * resolution and the act, or plants links where they act: modes change only on the decided inodes
 * (or nothing changes at all), restores land in the decided directory, purges remove links, never
 * what they point to.
 */
class ModeRaceTest extends RaceTest {
    @Test
    void aChmodChangesTheDecidedFileWhenItsDirectoryIsSwapped() throws Exception {
        Fixtures.file(scene.decided.resolve("file"), "decided\n", 0640);
        harness.run("fs.chmod", params("path", scene.decided.resolve("file").toString(), "mode", "0666"),
                scene.racing(() -> Scene.swapForSymlink(scene.decided, scene.protectedDir)));
        assertEquals(0666, mode(Scene.moved(scene.decided).resolve("file")));
        scene.assertProtectedUnchanged();
    }

    @Test
    void aRecursiveChmodNeverFollowsADirectorySwappedForASymlink() throws Exception {
        Path tree = tree();
        Harness.Run run = harness.run("fs.chmod", params("path", tree.toString(), "mode", "0750", "recursive", true),
                scene.racing(() -> Scene.swapForSymlink(tree.resolve("sub"), scene.protectedDir)));
        assertEquals(0750, mode(Scene.moved(tree.resolve("sub")).resolve("file")), "the renamed directory is in the tree");
        assertTrue(Files.isSymbolicLink(tree.resolve("sub")));
        assertEquals(3, run.output().path("changed").asInt(), "the tree, sub.moved and its file; the symlink is skipped");
        scene.assertProtectedUnchanged();
    }

    @Test
    void aRecursiveChmodRefusesAHardLinkPlantedInTheTree() throws Exception {
        Assumptions.assumeTrue(Posix.getuid() == 0, "the refusal is root's; without root the kernel decides");
        Path tree = tree();
        Path aside = base.resolve("aside");
        ActionException e = assertThrows(ActionException.class, () -> harness.run("fs.chmod",
                params("path", tree.toString(), "mode", "0777", "recursive", true), scene.racing(() -> {
                    Files.move(tree.resolve("sub/file"), aside);
                    Files.createLink(tree.resolve("sub/file"), scene.protectedDir.resolve("file"));
                })));
        assertTrue(e.getMessage().startsWith("refusing to change the mode of " + tree.resolve("sub/file")
                + " in place as root: it has 2 hard links"), e.getMessage());
        assertEquals(List.of(0700, 0600), List.of(mode(tree.resolve("sub")), mode(aside)), "nothing was changed");
        scene.assertProtectedUnchanged();
        scene.assertQuarantineEmpty();
    }

    @Test
    void modesPlannedOnATreeAreAppliedOnlyToThePlannedInodesAndSetBackOnAChange() throws Exception {
        Path tree = tree();
        List<Manifest.ModeChange> changes = List.of(new Manifest.ModeChange("", inode(tree), "0755", "0777"),
                new Manifest.ModeChange("sub", inode(tree.resolve("sub")), "0700", "0777"),
                new Manifest.ModeChange("sub/file", inode(tree.resolve("sub/file")), "0600", "0777"));
        List<Integer> before = List.of(mode(tree), mode(tree.resolve("sub")), mode(tree.resolve("sub/file")));
        try (Held held = Held.of(tree)) {
            Scene.swapForSymlink(tree.resolve("sub"), scene.protectedDir);
            ActionException e = assertThrows(ActionException.class, () -> ModeChanges.apply(held.entry(), changes));
            Scene.assertChangedRefusal(e, tree.resolve("sub"));
        }
        Files.delete(tree.resolve("sub"));
        Files.move(Scene.moved(tree.resolve("sub")), tree.resolve("sub"));
        assertEquals(before, List.of(mode(tree), mode(tree.resolve("sub")), mode(tree.resolve("sub/file"))),
                "what was already changed is set back");
        scene.assertProtectedUnchanged();

        try (Held held = Held.of(tree)) {
            Files.move(tree.resolve("sub/file"), base.resolve("aside"));
            Files.createLink(tree.resolve("sub/file"), scene.protectedDir.resolve("file"));
            ActionException e = assertThrows(ActionException.class, () -> ModeChanges.apply(held.entry(), changes));
            Scene.assertChangedRefusal(e, tree.resolve("sub/file"));
        }
        assertEquals(List.of(0755, 0700, 0600), List.of(mode(tree), mode(tree.resolve("sub")), mode(base.resolve("aside"))));
        scene.assertProtectedUnchanged();
    }

    @Test
    void asRootAHardLinkedFileKeepsItsModeForItsOtherNamesMayBeProtected() throws Exception {
        Assumptions.assumeTrue(Posix.getuid() == 0, "the refusal is root's");
        Path link = Files.createLink(scene.decided.resolve("link"), scene.protectedDir.resolve("file"));
        ActionException e = assertThrows(ActionException.class,
                () -> harness.run("fs.chmod", params("path", link.toString(), "mode", "0666")));
        assertTrue(e.getMessage().startsWith("refusing to change the mode of " + link + " in place as root: it has 2 "
                + "hard links"), e.getMessage());
        scene.assertProtectedUnchanged();
        scene.assertQuarantineEmpty();
    }

    @Test
    void undoOfAChmodSetsModesOnlyOnTheRecordedInodes() throws Exception {
        Path tree = tree();
        Harness.Run run = harness.run("fs.chmod", params("path", tree.toString(), "mode", "0777", "recursive", true));
        Files.move(tree.resolve("sub"), base.resolve("sub.aside"));
        Files.createSymbolicLink(tree.resolve("sub"), scene.protectedDir);
        ActionException e = assertThrows(ActionException.class, () -> harness.undo(run));
        assertTrue(e.getMessage().startsWith("changed since: "), e.getMessage());
        assertEquals(0777, mode(base.resolve("sub.aside/file")));
        scene.assertProtectedUnchanged();
    }

    @Test
    void aDeletedFileIsBroughtBackIntoTheDecidedDirectoryWhenItsNameIsSwapped() throws Exception {
        Path file = Fixtures.file(scene.decided.resolve("file"), "decided\n", 0644);
        Harness.Run delete = harness.run("fs.delete", params("path", file.toString()));
        TestRun undo = new TestRun(delete);
        harness.run(undo.action(), undo.params(), scene.racing(() -> Scene.swapForSymlink(scene.decided,
                scene.protectedDir)));
        assertEquals("decided\n", Files.readString(Scene.moved(scene.decided).resolve("file")));
        scene.assertProtectedUnchanged();
    }

    @Test
    void writingBackEarlierContentRefusesATargetSwappedForASymlink() throws Exception {
        Path file = Fixtures.file(scene.decided.resolve("file"), "one\n", 0644);
        Harness.Run write = harness.run("fs.write", params("path", file.toString(), "content", "two\n",
                "mode", "overwrite"));
        TestRun undo = new TestRun(write);
        Path aside = scene.decided.resolve("aside");
        ActionException e = assertThrows(ActionException.class, () -> harness.run(undo.action(), undo.params(),
                scene.racing(() -> {
                    Files.move(file, aside);
                    Files.createSymbolicLink(file, scene.protectedDir.resolve("file"));
                })));
        Scene.assertChangedRefusal(e, file);
        assertEquals("two\n", Files.readString(aside));
        assertTrue(Files.isSymbolicLink(file));
        scene.assertProtectedUnchanged();
        scene.assertNoTempFiles();
        assertEquals(1, Fixtures.names(quarantine).size(), "only the item of the write, for a later try");
    }

    @Test
    void purgingRemovesALinkPlantedInAnItemNeverWhatItPointsTo() throws Exception {
        harness.run("fs.delete", params("path", Fixtures.file(scene.decided.resolve("f"), "x", 0644).toString()));
        Path item = quarantine.resolve(Fixtures.names(quarantine).getFirst());
        Files.createSymbolicLink(item.resolve("planted"), scene.protectedDir);
        Files.createLink(item.resolve("hard"), scene.protectedDir.resolve("sub/inner"));
        harness.run("fs.purge_quarantine", params("older_than_days", 0));
        assertEquals(List.of(), Fixtures.names(quarantine));
        assertFalse(Files.exists(item, LinkOption.NOFOLLOW_LINKS));
        scene.assertProtectedUnchanged();
    }

    /** {@code tree/sub/file}, with modes to change. */
    private Path tree() throws Exception {
        Path tree = Files.createDirectory(scene.decided.resolve("tree"));
        Files.setAttribute(tree, "unix:mode", 0755);
        Files.createDirectory(tree.resolve("sub"));
        Fixtures.file(tree.resolve("sub/file"), "mine\n", 0600);
        Files.setAttribute(tree.resolve("sub"), "unix:mode", 0700);
        return tree;
    }

    private static long inode(Path path) throws Exception {
        return (Long) Files.getAttribute(path, "unix:ino", LinkOption.NOFOLLOW_LINKS);
    }

    private static int mode(Path path) throws Exception {
        return (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
    }

    /** the inverse of a run, as the daemon's undo would send it. */
    private record TestRun(String action, com.fasterxml.jackson.databind.node.ObjectNode params) {
        TestRun(Harness.Run run) {
            this(run.inverse().action(), (com.fasterxml.jackson.databind.node.ObjectNode)
                    dev.llmos.protocol.Json.toTree(run.inverse().params()));
        }
    }
}
