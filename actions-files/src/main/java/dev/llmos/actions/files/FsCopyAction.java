package dev.llmos.actions.files;

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
 * {@code fs.copy}: copies a file or a directory tree to a new path, keeping permission bits;
 * symlinks inside are copied as symlinks, a symlink named as the source is followed (as cp does).
 * never replaces anything. the inverse takes the copy away, only if it is unchanged since.
 */
public final class FsCopyAction implements Action<FsCopyAction.Params> {
    /**
     * params of {@code fs.copy}.
     *
     * @param source the file or directory to copy
     * @param destination the new path of the copy, which must not exist
     */
    public record Params(
            @NotNull @PathParam(PathParam.Role.SOURCE) @Size(max = 4096)
            @JsonPropertyDescription("absolute path of the file or directory to copy") String source,
            @NotNull @PathParam @Size(max = 4096)
            @JsonPropertyDescription("absolute path of the new copy itself (not the folder to put it in); it must "
                    + "not exist")
            String destination) {
    }

    /**
     * what was copied.
     *
     * @param entries the entries created, the root included
     * @param bytes the sizes of the files copied
     */
    public record Copied(String source, String destination, EntryType type, long entries, long bytes) {
    }

    /** the real source (a symlink named as the source followed) and what it holds. */
    private record Plan(Path from, Path destination, TreeSummary summary) {
    }

    @Override
    public String name() {
        return "fs.copy";
    }

    @Override
    public String description() {
        return "copy a file or a whole directory to a new path, keeping permissions; never overwrites";
    }

    @Override
    public List<String> examples() {
        return List.of(
                "copy report.pdf to /tmp/report-copy.pdf",
                "make a backup copy of /etc/nginx/nginx.conf as nginx.conf.bak",
                "duplicate the folder photos into photos-2024",
                "cp -r ~/project ~/project-backup",
                "clone my dotfiles directory to /srv/dotfiles",
                "copy the config to a new file called config.old",
                "back up the whole documents folder to /mnt/usb/documents",
                "make a second copy of the script",
                "copy notes.txt over to the shared folder as notes.txt",
                "coppy the logs directory to logs-archive");
    }

    /** undoable: the copy is moved to the quarantine. */
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
        Plan plan = plan(params, Preview.LIMIT);
        List<Preview.Change> changes = new ArrayList<>();
        for (Tree.Entry entry : plan.summary().sample()) {
            Path to = entry.relative().isEmpty() ? plan.destination() : plan.destination().resolve(entry.relative());
            changes.add(new Preview.Change(Preview.Op.CREATE, to.toString(),
                    TreeSummary.describe(entry.stat().type(), 1, entry.stat().size())));
        }
        return Preview.of("copy " + plan.from() + " (" + plan.summary().describe() + ") to " + plan.destination(),
                changes, plan.summary().unsampled());
    }

    @Override
    public Copied execute(Params params, ActionContext context) throws ActionException {
        Plan plan = plan(params, 0);
        Path destination = plan.destination();
        Quarantine quarantine = Quarantine.of(context);
        Quarantine.Item item = quarantine.create();
        try {
            quarantine.write(item, new Manifest.Absent(name(), destination.toString(), quarantine.now()));
            TreeCopier.copy(plan.from(), destination, TreeCopier.Fidelity.PLAIN, context, plan.summary().bytes());
            context.undoWith("fs.restore", new FsRestoreAction.Params(destination.toString(), item.id(),
                    Fingerprint.of(destination, Fingerprint.Depth.CONTENT)));
        } catch (IOException e) {
            ActionException failure = Failures.io(destination, e);
            quarantine.discard(item, failure);
            throw failure;
        } catch (ActionException | RuntimeException e) {
            quarantine.discard(item, e);
            throw e;
        }
        TreeSummary summary = plan.summary();
        return new Copied(plan.from().toString(), destination.toString(), summary.type(), summary.entries(),
                summary.bytes());
    }

    private static Plan plan(Params params, int sample) throws ActionException {
        Path source = Failures.absolutePath(params.source());
        Path destination = Failures.absolutePath(params.destination());
        Path from;
        try {
            from = source.toRealPath();
        } catch (IOException e) {
            throw Failures.io(source, e);
        }
        try {
            if (Stat.lstatIfPresent(destination).isPresent()) {
                throw Failures.exists(destination, "give the full path of the new copy; nothing is ever overwritten");
            }
            if (!Stat.stat(destination.getParent()).isDirectory()) {
                throw new ActionException("not a directory: " + destination.getParent());
            }
            if (RealPaths.within(destination, from)) {
                throw new ActionException("cannot copy " + source + " into itself: " + destination);
            }
            TreeSummary summary = TreeSummary.of(from, sample);
            if (summary.specials() > 0) {
                throw new ActionException("cannot copy devices, fifos or sockets: " + source + " holds "
                        + summary.specials());
            }
            return new Plan(from, destination, summary);
        } catch (IOException e) {
            throw Failures.io(destination, e);
        }
    }
}
