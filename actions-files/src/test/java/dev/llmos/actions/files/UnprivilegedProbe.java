package dev.llmos.actions.files;

import static dev.llmos.action.testkit.Harness.params;
import static dev.llmos.action.testkit.Probe.expect;
import static dev.llmos.action.testkit.Probe.failure;

import dev.llmos.action.testkit.Harness;
import dev.llmos.action.testkit.Probe;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * runs as an unprivileged user (started by {@link UnprivilegedTest} through setpriv), where the
 * kernel, not root's override, decides: each check prints {@code ok NAME} or {@code FAIL NAME: why},
 * and the exit status says whether all passed. the layout under the base directory is made by the test.
 */
public final class UnprivilegedProbe {
    private UnprivilegedProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path base = Path.of(args[0]);
        int gid = Integer.parseInt(args[1]);
        Path quarantine = base.resolve("quarantine");
        Harness harness = Harness.withQuarantine(quarantine);
        Probe probe = new Probe();

        probe.check("a group-writable file of root is rewritten in place and keeps its owner", () -> {
            Path team = base.resolve("shared/team.txt");
            Harness.Run run = harness.run("fs.write", params("path", team.toString(), "content", "new plan\n",
                    "mode", "overwrite"));
            expect(false, run.output().path("atomic").asBoolean());
            expect("new plan\n", Files.readString(team));
            expect(List.of(0, gid, "0664"), owner(team));
            harness.undo(run);
            expect("team plan\n", Files.readString(team));
            expect(List.of(0, gid, "0664"), owner(team));
        });
        probe.check("a hard-linked file of the caller is rewritten in place, so every name sees it", () -> {
            Path file = Fixtures.file(base.resolve("home/linked.txt"), "old", 0644);
            Path other = Files.createLink(base.resolve("home/linked-too.txt"), file);
            Harness.Run run = harness.run("fs.write", params("path", file.toString(), "content", "new",
                    "mode", "overwrite"));
            expect(false, run.output().path("atomic").asBoolean());
            expect("new", Files.readString(other));
            harness.undo(run);
            expect("old", Files.readString(other));
        });
        probe.check("writing into a directory of root is permission denied", () -> {
            Path x = base.resolve("locked/x");
            expect("permission denied: " + x, failure(() -> harness.run("fs.write", params("path", x.toString(),
                    "content", "x"))));
            expect(false, Files.exists(x));
        });
        probe.check("deleting a file of root is permission denied and keeps nothing", () -> {
            Path keep = base.resolve("locked/keep");
            List<String> items = Fixtures.names(quarantine);
            String message = failure(() -> harness.run("fs.delete", params("path", keep.toString())));
            expect(true, message.startsWith("permission denied: " + keep));
            expect("kept", Files.readString(keep));
            expect(items, Fixtures.names(quarantine));
        });
        probe.check("a read-only file of the caller is not overwritten", () -> {
            Path mine = Fixtures.file(base.resolve("home/readonly.txt"), "mine", 0444);
            expect("permission denied: " + mine, failure(() -> harness.run("fs.write", params("path", mine.toString(),
                    "content", "other", "mode", "overwrite"))));
            expect("mine", Files.readString(mine));
        });
        probe.check("a tree with a read-only directory is deleted, restored exactly, and purged", () -> {
            Path project = base.resolve("home/project");
            harness.run("fs.mkdir", params("path", project.resolve("src").toString(), "parents", true));
            harness.run("fs.write", params("path", project.resolve("src/main.c").toString(), "content", "int main;\n"));
            harness.run("fs.chmod", params("path", project.resolve("src").toString(), "mode", "0555"));
            Fixtures.pastTimes(project);
            List<String> before = TreeState.of(project);
            Harness.Run delete = harness.run("fs.delete", params("path", project.toString(), "recursive", true));
            harness.undo(delete);
            expect(before, TreeState.of(project));
            harness.run("fs.delete", params("path", project.toString(), "recursive", true));
            harness.run("fs.purge_quarantine", params("older_than_days", 0));
            expect(List.of(), Fixtures.names(quarantine));
        });
        probe.check("across filesystems a tree with a read-only directory is deleted and restored exactly", () -> {
            Path project = Path.of(args[3]).resolve("project");
            Files.createDirectories(project.resolve("docs"));
            Fixtures.file(project.resolve("docs/readme"), "read me\n", 0640);
            Files.createSymbolicLink(project.resolve("docs/link"), Path.of("readme"));
            Files.setAttribute(project.resolve("docs"), "unix:mode", 0555);
            Fixtures.pastTimes(project);
            List<String> before = TreeState.of(project);
            Harness.Run delete = harness.run("fs.delete", params("path", project.toString(), "recursive", true));
            expect(false, Files.exists(project));
            harness.undo(delete);
            expect(before, TreeState.of(project));
        });
        probe.check("chmod 0000 of the caller's own file is undone", () -> {
            Path file = Fixtures.file(base.resolve("home/plain.txt"), "x", 0644);
            Harness.Run run = harness.run("fs.chmod", params("path", file.toString(), "mode", "0000"));
            harness.undo(run);
            expect(List.of(Integer.parseInt(args[2]), gid, "0644"), owner(file));
        });
        probe.exit();
    }

    private static List<Object> owner(Path path) throws Exception {
        return List.of(Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS),
                Files.getAttribute(path, "unix:gid", LinkOption.NOFOLLOW_LINKS),
                Modes.octal((Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS)));
    }
}
