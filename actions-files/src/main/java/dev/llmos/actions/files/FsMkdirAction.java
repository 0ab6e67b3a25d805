package dev.llmos.actions.files;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.llmos.action.Action;
import dev.llmos.action.ActionContext;
import dev.llmos.action.ActionException;
import dev.llmos.action.PathParam;
import dev.llmos.action.Risk;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code fs.mkdir}: creates a directory, and with {@code parents} the missing ones above it, with
 * the caller's default mode. the inverse takes away exactly the directories created, only while
 * they are still empty.
 */
public final class FsMkdirAction implements Action<FsMkdirAction.Params> {
    /**
     * params of {@code fs.mkdir}.
     *
     * @param parents whether missing parent directories are created too (and an existing directory is fine)
     */
    public record Params(
            @NotNull @PathParam @Size(max = 4096)
            @JsonPropertyDescription("absolute path of the directory to create") String path,
            @JsonProperty(defaultValue = "false")
            @JsonPropertyDescription("also create missing parent directories, and accept a directory that already "
                    + "exists")
            Boolean parents) {
    }

    /**
     * what was created.
     *
     * @param created the directories made, outermost first; empty when the directory already existed
     * @param mode their permission bits, from the caller's umask
     */
    public record Made(String path, List<String> created, String mode) {
    }

    @Override
    public String name() {
        return "fs.mkdir";
    }

    @Override
    public String description() {
        return "create a directory (and with parents=true any missing parent directories)";
    }

    @Override
    public List<String> examples() {
        return List.of(
                "create a folder called projects in my home",
                "make a new directory /srv/backups",
                "mkdir -p ~/code/rust/hello",
                "create the directories a/b/c including parents",
                "add a photos folder under ~/Pictures/2024",
                "set up an empty directory for the logs",
                "new folder named invoices on the desktop",
                "make dir /tmp/scratch",
                "i need a directory build/output");
    }

    /** undoable: the directories it creates are removed again while empty. */
    @Override
    public boolean undoable(Params params) {
        return true;
    }

    @Override
    public Risk risk() {
        return Risk.WRITE;
    }

    @Override
    public Class<Params> paramsType() {
        return Params.class;
    }

    @Override
    public Preview preview(Params params, ActionContext context) throws ActionException {
        Path path = Failures.absolutePath(params.path());
        List<Path> missing = missing(path, params.parents());
        String mode = Modes.octal(Umask.directoryMode(context.caller()));
        if (missing.isEmpty()) {
            return Preview.of("nothing to do: " + path + " is already a directory", List.of(), 0);
        }
        List<Preview.Change> changes = new ArrayList<>();
        for (Path dir : missing) {
            changes.add(new Preview.Change(Preview.Op.CREATE, dir.toString(), "directory " + mode));
        }
        String summary = missing.size() == 1 ? "create the directory " + path + " (" + mode + ")"
                : "create " + missing.size() + " directories down to " + path + " (" + mode + ")";
        return Preview.of(summary, changes, 0);
    }

    @Override
    public Made execute(Params params, ActionContext context) throws ActionException {
        Path path = Failures.absolutePath(params.path());
        List<Path> missing = missing(path, params.parents());
        int mode = Umask.directoryMode(context.caller());
        List<String> created = new ArrayList<>();
        if (missing.isEmpty()) {
            return new Made(path.toString(), created, Modes.octal(mode));
        }
        Quarantine quarantine = Quarantine.of(context);
        Quarantine.Item item = quarantine.create();
        Path top = missing.getFirst();
        try {
            quarantine.write(item, new Manifest.Absent(name(), top.toString(), quarantine.now()));
            for (Path dir : missing) {
                Files.createDirectory(dir);
                created.add(dir.toString());
                Attributes.mode(dir, mode);
            }
            context.undoWith("fs.restore", new FsRestoreAction.Params(top.toString(), item.id(),
                    Fingerprint.of(top, Fingerprint.Depth.CONTENT)));
            return new Made(path.toString(), created, Modes.octal(mode));
        } catch (IOException e) {
            ActionException failure = Failures.io(path, e);
            for (String dir : created.reversed()) {
                try {
                    Files.delete(Path.of(dir));
                } catch (IOException rollback) {
                    failure.addSuppressed(rollback);
                }
            }
            quarantine.discard(item, failure);
            throw failure;
        }
    }

    /** the directories to create, outermost first; refuses what mkdir(1) would refuse. */
    private static List<Path> missing(Path path, boolean parents) throws ActionException {
        List<Path> missing = new ArrayList<>();
        Path dir = path;
        while (true) {
            try {
                if (Stat.lstatIfPresent(dir).isEmpty()) {
                    missing.addFirst(dir);
                    dir = dir.getParent();
                    continue;
                }
                if (!Stat.stat(dir).isDirectory()) {
                    throw dir.equals(path) ? Failures.exists(path, "not a directory")
                            : new ActionException("not a directory: " + dir);
                }
                break;
            } catch (NoSuchFileException e) {
                throw Failures.exists(dir, "a dangling symlink");
            } catch (IOException e) {
                throw Failures.io(dir, e);
            }
        }
        if (missing.isEmpty() && !parents) {
            throw Failures.exists(path, "use parents=true to accept an existing directory");
        }
        if (missing.size() > 1 && !parents) {
            throw new ActionException("no such file or directory: " + path.getParent()
                    + " (use parents=true to create missing parents)");
        }
        return missing;
    }
}
