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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code fs.delete}: never unlinks. moves the file, symlink or tree into the caller's quarantine,
 * whole, with owners, modes and times; the inverse brings it back.
 */
public final class FsDeleteAction implements Action<FsDeleteAction.Params> {
    /**
     * params of {@code fs.delete}.
     *
     * @param path what to delete; a symlink itself, never its target
     * @param recursive whether a directory that is not empty may go, with everything in it
     */
    public record Params(
            @NotNull @PathParam @Size(max = 4096)
            @JsonPropertyDescription("absolute path of the file, symlink or directory to delete") String path,
            @JsonProperty(defaultValue = "false")
            @JsonPropertyDescription("delete a directory with everything in it; without this only files, symlinks "
                    + "and empty directories")
            Boolean recursive) {
    }

    /**
     * what was deleted.
     *
     * @param entries the entries moved, the root included
     * @param bytes the sizes of the files moved
     * @param quarantine the quarantine item directory that now holds it
     */
    public record Deleted(String path, EntryType type, long entries, long bytes, String quarantine) {
    }

    @Override
    public String name() {
        return "fs.delete";
    }

    @Override
    public String description() {
        return "delete a file or directory by moving it to the quarantine, so that it can be restored";
    }

    @Override
    public List<String> examples() {
        return List.of(
                "delete /tmp/old.log",
                "remove the file draft2.txt",
                "rm ~/Downloads/setup.exe",
                "get rid of the build folder and everything in it",
                "delete the directory node_modules recursively",
                "trash the empty folder ~/old",
                "erase my notes from yesterday",
                "throw away the screenshot on my desktop",
                "remove that broken symlink in /usr/local/bin",
                "wipe out the cache directory of my project",
                "delet the backup.zip file");
    }

    /** undoable: what it deletes goes to the quarantine, from where undo brings it back. */
    @Override
    public boolean undoable(Params params) {
        return true;
    }

    @Override
    public Risk risk() {
        return Risk.DESTRUCTIVE;
    }

    @Override
    public Class<Params> paramsType() {
        return Params.class;
    }

    @Override
    public Preview preview(Params params, ActionContext context) throws ActionException {
        Path path = Failures.absolutePath(params.path());
        TreeSummary summary = plan(path, params, context, Preview.LIMIT);
        List<Preview.Change> changes = new ArrayList<>();
        for (Tree.Entry entry : summary.sample()) {
            changes.add(new Preview.Change(Preview.Op.DELETE, entry.path().toString(),
                    TreeSummary.describe(entry.stat().type(), 1, entry.stat().size())));
        }
        return Preview.of("move " + path + " (" + summary.describe() + ") to the quarantine; undo brings it back",
                changes, summary.unsampled());
    }

    @Override
    public Deleted execute(Params params, ActionContext context) throws ActionException {
        Path path = Failures.absolutePath(params.path());
        TreeSummary summary = plan(path, params, context, 0);
        Quarantine.Item item = Displacer.displace(Quarantine.of(context), path, summary, name(), context);
        context.undoWith("fs.restore", new FsRestoreAction.Params(path.toString(), item.id(), null));
        return new Deleted(path.toString(), summary.type(), summary.entries(), summary.bytes(), item.dir().toString());
    }

    /** what would go, after every refusal: nothing there, the root, the quarantine, not empty, too big. */
    private static TreeSummary plan(Path path, Params params, ActionContext context, int sample)
            throws ActionException {
        try {
            Stat stat = Stat.lstat(path);
            if (path.getParent() == null) {
                throw new ActionException("refusing to delete " + path);
            }
            Quarantine.of(context).guard(path);
            if (stat.isDirectory() && !params.recursive() && !Tree.children(path).isEmpty()) {
                throw new ActionException("directory not empty: " + path
                        + " (use recursive=true to delete it with everything in it)");
            }
            TreeSummary summary = TreeSummary.of(path, sample);
            Quarantine.checkLimit(path, summary.bytes(), "delete");
            return summary;
        } catch (IOException e) {
            throw Failures.io(path, e);
        }
    }
}
