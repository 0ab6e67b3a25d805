package dev.llmos.actions.files;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.llmos.action.Action;
import dev.llmos.action.ActionContext;
import dev.llmos.action.ActionException;
import dev.llmos.action.PathParam;
import dev.llmos.action.Risk;
import dev.llmos.posix.Fd;
import dev.llmos.posix.PosixException;
import dev.llmos.posix.ResolvedPath;
import dev.llmos.support.Sizes;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code fs.restore}: the inverse of the file actions. brings the state a quarantine item recorded
 * back to its original path (a displaced tree, a file's earlier content, the absence of what an
 * action created, earlier modes), after checking that what is there now is what the undone action
 * left. records its own inverse, so an undo can be undone.
 */
public final class FsRestoreAction implements Action<FsRestoreAction.Params> {
    /**
     * params of {@code fs.restore}.
     *
     * @param path the original path of the item
     * @param item the quarantine item
     * @param expectDigest the {@link Fingerprint} (with content) of what is at {@code path} now, or
     *     for modes the digest of the changed modes; null when {@code path} must be free
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Params(
            @NotNull @PathParam(followFinal = false) @Size(max = 4096)
            @JsonPropertyDescription("absolute path to restore: the original path of the quarantined item") String path,
            @NotNull @Size(max = 64) @Pattern(regexp = Quarantine.ITEM_PATTERN)
            @JsonPropertyDescription("the quarantine item to restore from, as recorded by the change being undone")
            String item,
            @Size(max = 64) @Pattern(regexp = "^[0-9a-f]{64}$")
            @JsonPropertyDescription("fingerprint of what must be at path now (what the change left); omitted when "
                    + "path must be free")
            String expectDigest) {
    }

    /**
     * what was restored.
     *
     * @param summary one line saying what happened
     */
    public record Restored(String path, String item, String summary) {
    }

    /** a checked request: the item exists, belongs to the path, and the path is as expected. */
    private record Loaded(ResolvedPath target, Quarantine quarantine, Quarantine.Item item, Manifest manifest) {
        String path() {
            return target.path();
        }
    }

    @Override
    public String name() {
        return "fs.restore";
    }

    @Override
    public String description() {
        return "undo a file change: bring back what a file action displaced into the quarantine (deleted files, "
                + "earlier content, earlier modes), refusing if things changed since";
    }

    @Override
    public List<String> examples() {
        return List.of(
                "restore the file I just deleted",
                "bring back the deleted folder from the quarantine",
                "recover report.docx from the trash",
                "put back the old version of config.yaml",
                "restore the previous permissions of ~/scripts",
                "get back the directory I removed by mistake",
                "reinstate the earlier content of notes.txt",
                "take the files I copied back out again");
    }

    /** undoable: what it restored over goes to the quarantine. */
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
        try (Quarantine quarantine = Quarantine.open(context)) {
            Loaded loaded = load(params, context, quarantine);
            try {
                return Optional.of(preview(loaded));
            } catch (IOException | PosixException e) {
                throw FileFailure.io(loaded.path(), e);
            }
        }
    }

    private static Preview preview(Loaded loaded) throws IOException, PosixException {
        String target = loaded.path();
        Quarantine quarantine = loaded.quarantine();
        return switch (loaded.manifest()) {
            case Manifest.Displaced d -> Preview.of("bring back " + target + " (" + describe(d) + ") from the "
                    + "quarantine", List.of(new Preview.Change(Preview.Op.RESTORE, target, describe(d))), 0);
            case Manifest.Content c -> {
                Entry file = Entry.root(loaded.target());
                Optional<String> now = Texts.read(file);
                Optional<String> earlier = Texts.read(quarantine.data(loaded.item()));
                String diff = now.isPresent() && earlier.isPresent()
                        ? UnifiedDiff.of(target, now.get(), target, earlier.get()) : null;
                yield new Preview("write back the earlier content of " + target + " (" + Sizes.iec(c.bytes())
                        + " instead of " + Sizes.iec(file.stat().size()) + ")",
                        List.of(new Preview.Change(Preview.Op.OVERWRITE, target, Sizes.iec(c.bytes()))), 0, diff);
            }
            case Manifest.Absent a -> {
                TreeSummary summary = TreeSummary.of(Entry.root(loaded.target()), Preview.LIMIT);
                List<Preview.Change> changes = new ArrayList<>();
                for (TreeSummary.Sampled entry : summary.sample()) {
                    changes.add(new Preview.Change(Preview.Op.DELETE, entry.path(), null));
                }
                yield Preview.of("move " + target + " (" + summary.describe() + "), made by " + a.action()
                        + ", into the quarantine", changes, summary.unsampled());
            }
            case Manifest.Modes m -> {
                List<Preview.Change> changes = new ArrayList<>();
                for (Manifest.ModeChange change : m.changes().subList(0, Math.min(Preview.LIMIT, m.changes().size()))) {
                    changes.add(new Preview.Change(Preview.Op.CHMOD, ModeChanges.resolve(target, change),
                            change.after() + " -> " + change.before()));
                }
                yield Preview.of("set back the modes of " + m.changes().size() + " entries at " + target, changes,
                        m.changes().size() - changes.size());
            }
        };
    }

    @Override
    public Restored execute(Params params, ActionContext context) throws ActionException {
        try (Quarantine quarantine = Quarantine.open(context)) {
            Loaded loaded = load(params, context, quarantine);
            try {
                Restored restored = switch (loaded.manifest()) {
                    case Manifest.Displaced d -> bringBack(loaded, d, context);
                    case Manifest.Content c -> writeBack(loaded, c, context);
                    case Manifest.Absent a -> takeAway(loaded, context);
                    case Manifest.Modes m -> setModesBack(loaded, m, context);
                };
                discardUsed(loaded);
                return restored;
            } catch (IOException | PosixException e) {
                throw FileFailure.io(loaded.path(), e);
            }
        }
    }

    /** a displaced tree goes back onto its free path, into the held directory; redo takes it away again. */
    private Restored bringBack(Loaded loaded, Manifest.Displaced displaced, ActionContext context)
            throws IOException, PosixException, ActionException {
        ResolvedPath target = loaded.target();
        String path = target.path();
        Quarantine quarantine = loaded.quarantine();
        Entry data = quarantine.data(loaded.item());
        if (!Fingerprint.of(data, Fingerprint.Depth.CONTENT).equals(displaced.digest())) {
            throw damaged(loaded);
        }
        TreeMover.Moved moved = TreeMover.move(data, target.parent(), target.name(), path, context);
        try (Fd now = Entry.reopen(target.parent(), target.name(), moved.moved(), path)) {
            Entry back = Entry.of(now, target.parent(), target.name(), path);
            // a directory renamed to another parent may get a new modification time; give it back its own
            Manifest.Meta meta = displaced.meta();
            if (back.stat().mtimeNanos() != meta.mtimeNanos() && Attributes.timesSettable(context.caller(), back.stat())) {
                Attributes.times(back, meta.atimeNanos(), meta.mtimeNanos());
            }
            Quarantine.Item redo = quarantine.create();
            quarantine.write(redo, new Manifest.Absent(name(), path, quarantine.now()));
            context.undoWith(name(), new Params(path, redo.id(), Fingerprint.of(back, Fingerprint.Depth.CONTENT)));
        }
        return new Restored(path, loaded.item().id(), "brought back " + path + " (" + describe(displaced) + ")");
    }

    /** the earlier bytes go back into the held file, which keeps its owner and mode; redo swaps them again. */
    private Restored writeBack(Loaded loaded, Manifest.Content content, ActionContext context)
            throws IOException, PosixException, ActionException {
        String path = loaded.path();
        Quarantine quarantine = loaded.quarantine();
        Entry data = quarantine.data(loaded.item());
        if (!Sha256.of(data).equals(content.sha256())) {
            throw damaged(loaded);
        }
        Entry file = Entry.root(loaded.target());
        ResolvedPath target = loaded.target();
        quarantine.withNewItem(path, redo -> {
            quarantine.keepContent(redo, name(), file);
            FileWriter.Result result = FileWriter.replace(file, FileWriter.Source.of(data), false,
                    content.meta().mtimeNanos(), context.caller());
            String digest = Fingerprint.ofNamed(target.parent(), target.name(), result.written(), path,
                    Fingerprint.Depth.CONTENT);
            context.undoWith(name(), new Params(path, redo.id(), digest));
            return result;
        });
        return new Restored(path, loaded.item().id(), "wrote back the earlier " + Sizes.iec(content.bytes())
                + " of " + path);
    }

    /** what the undone action created goes into the quarantine; redo brings it back. */
    private Restored takeAway(Loaded loaded, ActionContext context) throws IOException, PosixException, ActionException {
        String path = loaded.path();
        Entry root = Entry.root(loaded.target());
        TreeSummary summary = TreeSummary.of(root, 0);
        Quarantine.Item redo = Displacer.displace(loaded.quarantine(), root, summary, name(), context);
        context.undoWith(name(), new Params(path, redo.id(), null));
        return new Restored(path, loaded.item().id(), "moved " + path + " (" + summary.describe()
                + ") into the quarantine");
    }

    /** the earlier modes go back; redo sets the later ones again. */
    private Restored setModesBack(Loaded loaded, Manifest.Modes modes, ActionContext context)
            throws IOException, PosixException, ActionException {
        String path = loaded.path();
        Quarantine quarantine = loaded.quarantine();
        List<Manifest.ModeChange> back = ModeChanges.reversed(modes.changes());
        ModeChanges.apply(Entry.root(loaded.target()), back);
        Quarantine.Item redo = quarantine.create();
        quarantine.write(redo, new Manifest.Modes(name(), path, quarantine.now(), back));
        context.undoWith(name(), new Params(path, redo.id(), ModeChanges.digest(back)));
        return new Restored(path, loaded.item().id(), "set back the modes of " + back.size() + " entries at " + path);
    }

    private Loaded load(Params params, ActionContext context, Quarantine quarantine) throws ActionException {
        ResolvedPath target = context.requirePath("path");
        String path = target.path();
        Quarantine.Item item = quarantine.find(params.item());
        Manifest manifest = quarantine.read(item);
        if (!manifest.original().equals(path)) {
            throw new ActionException("quarantine item " + item.id() + " belongs to " + manifest.original() + ", not "
                    + path + "; nothing was changed");
        }
        String expect = params.expectDigest();
        switch (manifest) {
            case Manifest.Displaced _ -> {
                if (expect != null) {
                    throw new ActionException("quarantine item " + item.id() + " goes back onto a free path only: "
                            + "omit expect_digest; nothing was changed");
                }
                Expectation.check(target, null, Fingerprint.Depth.CONTENT);
                Places.requireParent(target, " (restore that first); nothing was changed");
            }
            case Manifest.Content _, Manifest.Absent _ -> Expectation.check(target, required(expect, item),
                    Fingerprint.Depth.CONTENT);
            case Manifest.Modes m -> {
                String digest = required(expect, item);
                if (!target.exists()) {
                    throw new ActionException("changed since: " + path + " is gone; nothing was changed");
                }
                try {
                    ModeChanges.check(Entry.root(target), m.changes(), digest);
                } catch (PosixException e) {
                    throw FileFailure.io(path, e);
                }
            }
        }
        return new Loaded(target, quarantine, item, manifest);
    }

    private static String required(String expect, Quarantine.Item item) throws ActionException {
        if (expect == null) {
            throw new ActionException("quarantine item " + item.id() + " replaces what is at the path: give "
                    + "expect_digest, the fingerprint of what the change left; nothing was changed");
        }
        return expect;
    }

    /** the used item is removed; if that fails the restore still stands, and a purge frees it later. */
    private static void discardUsed(Loaded loaded) {
        try {
            loaded.quarantine().discard(loaded.item());
        } catch (IOException e) {
            // the state is restored; the leftover item can no longer apply (its path is taken)
        }
    }

    private static ActionException damaged(Loaded loaded) {
        return new ActionException("the quarantined copy of " + loaded.path() + " (item " + loaded.item().id()
                + ") has changed since it was taken; refusing to restore it; nothing was changed");
    }

    private static String describe(Manifest.Displaced displaced) {
        return TreeSummary.describe(displaced.type(), displaced.entries(), displaced.bytes());
    }
}
