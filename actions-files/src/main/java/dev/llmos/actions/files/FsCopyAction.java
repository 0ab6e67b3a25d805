package dev.llmos.actions.files;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.llmos.action.Action;
import dev.llmos.action.ActionContext;
import dev.llmos.action.ActionException;
import dev.llmos.action.PathParam;
import dev.llmos.action.Risk;
import dev.llmos.posix.FileStat;
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
            @NotNull @PathParam(followFinal = false) @Size(max = 4096)
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
    public record Copied(String source, String destination, FileType type, long entries, long bytes) {
    }

    /** the real source (a symlink named as the source followed), held, what it holds, and where the copy goes. */
    private record Plan(Entry from, ResolvedPath destination, TreeSummary summary) {
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
                "copy a folder together with its contents",
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
    public Optional<Preview> preview(Params params, ActionContext context) throws ActionException {
        Plan plan = plan(context, Preview.LIMIT);
        String destination = plan.destination().path();
        List<Preview.Change> changes = new ArrayList<>();
        for (TreeSummary.Sampled entry : plan.summary().sample()) {
            String to = entry.relative().isEmpty() ? destination : Places.child(destination, entry.relative());
            changes.add(new Preview.Change(Preview.Op.CREATE, to, TreeSummary.describe(entry.type(), 1, entry.size())));
        }
        return Optional.of(Preview.of("copy " + plan.from().path() + " (" + plan.summary().describe() + ") to " + destination,
                changes, plan.summary().unsampled()));
    }

    @Override
    public Copied execute(Params params, ActionContext context) throws ActionException {
        Plan plan = plan(context, 0);
        ResolvedPath destination = plan.destination();
        String path = destination.path();
        try (Quarantine quarantine = Quarantine.open(context)) {
            quarantine.withNewItem(path, item -> {
                quarantine.write(item, new Manifest.Absent(name(), path, quarantine.now()));
                FileStat made = TreeCopier.copy(plan.from(), destination.parent(), destination.name(), path,
                        TreeCopier.Fidelity.PLAIN, context, plan.summary().bytes());
                String digest = Fingerprint.ofNamed(destination.parent(), destination.name(), made, path,
                        Fingerprint.Depth.CONTENT);
                context.undoWith("fs.restore", new FsRestoreAction.Params(path, item.id(), digest));
                return made;
            });
        }
        TreeSummary summary = plan.summary();
        return new Copied(plan.from().path(), path, summary.type(), summary.entries(), summary.bytes());
    }

    private static Plan plan(ActionContext context, int sample) throws ActionException {
        ResolvedPath source = context.requirePath("source");
        ResolvedPath destination = context.requirePath("destination");
        if (!source.exists()) {
            throw new ActionException("no such file or directory: " + source.path());
        }
        if (destination.exists()) {
            throw FileFailure.exists(destination.path(), "give the full path of the new copy; nothing is ever overwritten");
        }
        Places.requireParent(destination, "");
        try {
            Entry from = Entry.root(source);
            if (from.stat().isDirectory() && Places.within(destination.parent(), from.stat().id())) {
                throw new ActionException("cannot copy " + from.path() + " into itself: " + destination.path());
            }
            TreeSummary summary = TreeSummary.of(from, sample);
            if (summary.specials() > 0) {
                throw new ActionException("cannot copy devices, fifos or sockets: " + from.path() + " holds "
                        + summary.specials());
            }
            return new Plan(from, destination, summary);
        } catch (IOException | PosixException e) {
            throw FileFailure.io(source.path(), e);
        }
    }
}
