package dev.llmos.actions.files;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.llmos.action.Action;
import dev.llmos.action.ActionContext;
import dev.llmos.action.ActionException;
import dev.llmos.action.PathParam;
import dev.llmos.action.Risk;
import dev.llmos.posix.FileType;
import dev.llmos.posix.PosixException;
import dev.llmos.posix.ResolvedPath;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
            @NotNull @PathParam(followFinal = false) @Size(max = 4096)
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
    public record Deleted(String path, FileType type, long entries, long bytes, String quarantine) {
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
                "delet the backup.zip file",
                "send a file to the trash");
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
    public Optional<Preview> preview(Params params, ActionContext context) throws ActionException {
        Plan plan;
        try (Quarantine quarantine = Quarantine.open(context)) {
            plan = plan(params, context, quarantine, Preview.LIMIT);
        }
        List<Preview.Change> changes = new ArrayList<>();
        for (TreeSummary.Sampled entry : plan.summary().sample()) {
            changes.add(new Preview.Change(Preview.Op.DELETE, entry.path(),
                    TreeSummary.describe(entry.type(), 1, entry.size())));
        }
        return Optional.of(Preview.of("move " + plan.root().path() + " (" + plan.summary().describe()
                + ") to the quarantine; undo brings it back", changes, plan.summary().unsampled()));
    }

    @Override
    public Deleted execute(Params params, ActionContext context) throws ActionException {
        try (Quarantine quarantine = Quarantine.open(context)) {
            Plan plan = plan(params, context, quarantine, 0);
            TreeSummary summary = plan.summary();
            String path = plan.root().path();
            Quarantine.Item item = Displacer.displace(quarantine, plan.root(), summary, name(), context);
            context.undoWith("fs.restore", new FsRestoreAction.Params(path, item.id(), null));
            return new Deleted(path, summary.type(), summary.entries(), summary.bytes(), item.path());
        }
    }

    /** what would go, held, and what it holds. */
    private record Plan(Entry root, TreeSummary summary) {
    }

    /** what would go, after every refusal: nothing there, the root, the quarantine, not empty, too big. */
    private static Plan plan(Params params, ActionContext context, Quarantine quarantine, int sample)
            throws ActionException {
        ResolvedPath target = context.requirePath("path");
        String path = target.path();
        if (!target.exists()) {
            throw new ActionException("no such file or directory: " + path);
        }
        if (target.name().isEmpty()) {
            throw new ActionException("refusing to delete " + path);
        }
        quarantine.guard(target);
        try {
            Entry root = Entry.root(target);
            if (root.stat().isDirectory() && !params.recursive() && !Tree.names(root.self()).isEmpty()) {
                throw new ActionException("directory not empty: " + path
                        + " (use recursive=true to delete it with everything in it)");
            }
            TreeSummary summary = TreeSummary.of(root, sample);
            Quarantine.checkLimit(path, summary.bytes(), "delete");
            return new Plan(root, summary);
        } catch (IOException | PosixException e) {
            throw FileFailure.io(path, e);
        }
    }
}
