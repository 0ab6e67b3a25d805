package dev.llmos.actions.files;

import com.fasterxml.jackson.annotation.JsonInclude;
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
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * {@code fs.move}: moves or renames a file, symlink or directory to a new path (rename(2); across
 * filesystems an exact copy, checked, then removal). never replaces anything. the inverse is a move
 * back, only if the moved tree is unchanged and the old path still free.
 */
public final class FsMoveAction implements Action<FsMoveAction.Params> {
    /**
     * params of {@code fs.move}.
     *
     * @param source what to move; a symlink itself, never its target
     * @param destination its new path, which must not exist
     * @param expectDigest when set (by undo), the source must still have this {@link Fingerprint}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Params(
            @NotNull @PathParam(followFinal = false) @Size(max = 4096)
            @JsonPropertyDescription("absolute path of the file or directory to move or rename") String source,
            @NotNull @PathParam(followFinal = false) @Size(max = 4096)
            @JsonPropertyDescription("its new absolute path (not the folder to put it in); it must not exist")
            String destination,
            @Size(max = 64) @Pattern(regexp = "^[0-9a-f]{64}$")
            @JsonPropertyDescription("used by undo: move only if the source still has this fingerprint")
            String expectDigest) {
    }

    /**
     * what was moved.
     *
     * @param renamed true for a rename within one filesystem, false for a copy across filesystems
     *     followed by removal of the source
     */
    public record Moved(String source, String destination, FileType type, boolean renamed) {
    }

    @Override
    public String name() {
        return "fs.move";
    }

    @Override
    public String description() {
        return "move or rename a file or directory to a new path, also across filesystems; never overwrites";
    }

    @Override
    public List<String> examples() {
        return List.of(
                "rename draft.txt to final.txt",
                "move report.pdf into /home/me/Documents/report.pdf",
                "mv ~/Downloads/song.mp3 ~/Music/song.mp3",
                "relocate the logs folder to /var/tmp/logs",
                "give the photos directory the new name holidays",
                "move the old project to the archive disk",
                "change the file name of index.htm to index.html",
                "shift my notes folder to the usb stick",
                "put invoice.pdf under the invoices folder",
                "renmae config to config.old",
                "change the extension of a file");
    }

    /** undoable: it is moved back. */
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
        Plan plan;
        try (Quarantine quarantine = Quarantine.open(context)) {
            plan = plan(params, context, quarantine);
        }
        String source = plan.source().path();
        String destination = plan.destination().path();
        TreeSummary summary;
        try {
            summary = TreeSummary.of(plan.source(), 0);
        } catch (IOException e) {
            throw FileFailure.io(source, e);
        }
        boolean sameMount = plan.source().stat().mountId() == plan.destination().parentStat().mountId();
        String how = sameMount ? "rename " + source + " (" + summary.describe() + ") to " + destination
                : "copy " + source + " (" + summary.describe() + ") to " + destination
                        + " on another filesystem, then remove the source";
        return Optional.of(Preview.of(how, List.of(new Preview.Change(Preview.Op.MOVE, source, "to " + destination)), 0));
    }

    @Override
    public Moved execute(Params params, ActionContext context) throws ActionException {
        Plan plan;
        try (Quarantine quarantine = Quarantine.open(context)) {
            plan = plan(params, context, quarantine);
        }
        Entry source = plan.source();
        ResolvedPath destination = plan.destination();
        String path = destination.path();
        try {
            TreeMover.Moved moved = TreeMover.move(source, destination.parent(), destination.name(), path, context);
            String digest = Fingerprint.ofNamed(destination.parent(), destination.name(), moved.moved(), path,
                    Fingerprint.Depth.METADATA);
            context.undoWith(name(), new Params(path, source.path(), digest));
            return new Moved(source.path(), path, source.type(), moved.how() == TreeMover.How.RENAMED);
        } catch (IOException e) {
            throw FileFailure.io(source.path(), e);
        }
    }

    /**
     * what to move, held, and where to, after every refusal: missing, the root, the quarantine,
     * taken, into itself, changed.
     */
    private record Plan(Entry source, ResolvedPath destination) {
    }

    private static Plan plan(Params params, ActionContext context, Quarantine quarantine) throws ActionException {
        ResolvedPath source = context.requirePath("source");
        ResolvedPath destination = context.requirePath("destination");
        if (!source.exists()) {
            throw new ActionException("no such file or directory: " + source.path());
        }
        if (source.name().isEmpty()) {
            throw new ActionException("refusing to move " + source.path());
        }
        quarantine.guard(source);
        quarantine.guard(destination);
        if (params.expectDigest() != null) {
            // an undo: the old path must still be free and the moved tree as the move left it
            Expectation.check(destination, null, Fingerprint.Depth.METADATA);
            Expectation.check(source, params.expectDigest(), Fingerprint.Depth.METADATA);
        } else if (destination.exists()) {
            throw FileFailure.exists(destination.path(), "give the full new path; nothing is ever replaced");
        }
        Places.requireParent(destination, "");
        try {
            Entry entry = Entry.root(source);
            if (entry.stat().isDirectory() && Places.within(destination.parent(), entry.stat().id())) {
                throw new ActionException("cannot move " + source.path() + " into itself: " + destination.path());
            }
            return new Plan(entry, destination);
        } catch (PosixException e) {
            throw FileFailure.io(source.path(), e);
        }
    }
}
