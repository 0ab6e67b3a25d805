package dev.llmos.actions.files;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.llmos.action.Action;
import dev.llmos.action.ActionContext;
import dev.llmos.action.ActionException;
import dev.llmos.action.PathParam;
import dev.llmos.action.Risk;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
            @NotNull @PathParam @Size(max = 4096)
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
    private record Loaded(Path path, Quarantine quarantine, Quarantine.Item item, Manifest manifest) {
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
    public Class<Params> paramsType() {
        return Params.class;
    }

    @Override
    public Preview preview(Params params, ActionContext context) throws ActionException {
        Loaded loaded = load(params, context);
        Path path = loaded.path();
        String target = path.toString();
        try {
            return switch (loaded.manifest()) {
                case Manifest.Displaced d -> Preview.of("bring back " + target + " (" + describe(d) + ") from the "
                        + "quarantine", List.of(new Preview.Change(Preview.Op.RESTORE, target, describe(d))), 0);
                case Manifest.Content c -> {
                    Optional<String> now = Texts.read(path);
                    Optional<String> earlier = Texts.read(loaded.item().data());
                    String diff = now.isPresent() && earlier.isPresent()
                            ? UnifiedDiff.of(target, now.get(), target, earlier.get()) : null;
                    yield new Preview("write back the earlier content of " + target + " (" + Sizes.human(c.bytes())
                            + " instead of " + Sizes.human(Files.size(path)) + ")",
                            List.of(new Preview.Change(Preview.Op.OVERWRITE, target, Sizes.human(c.bytes()))), 0, diff);
                }
                case Manifest.Absent a -> {
                    TreeSummary summary = TreeSummary.of(path, Preview.LIMIT);
                    List<Preview.Change> changes = new ArrayList<>();
                    for (Tree.Entry entry : summary.sample()) {
                        changes.add(new Preview.Change(Preview.Op.DELETE, entry.path().toString(), null));
                    }
                    yield Preview.of("move " + target + " (" + summary.describe() + "), made by " + a.action()
                            + ", into the quarantine", changes, summary.unsampled());
                }
                case Manifest.Modes m -> {
                    List<Preview.Change> changes = new ArrayList<>();
                    for (Manifest.ModeChange change : m.changes().subList(0, Math.min(Preview.LIMIT, m.changes().size()))) {
                        changes.add(new Preview.Change(Preview.Op.CHMOD, ModeChanges.resolve(path, change).toString(),
                                change.after() + " -> " + change.before()));
                    }
                    yield Preview.of("set back the modes of " + m.changes().size() + " entries at " + target, changes,
                            m.changes().size() - changes.size());
                }
            };
        } catch (IOException e) {
            throw Failures.io(path, e);
        }
    }

    @Override
    public Restored execute(Params params, ActionContext context) throws ActionException {
        Loaded loaded = load(params, context);
        Path path = loaded.path();
        try {
            Restored restored = switch (loaded.manifest()) {
                case Manifest.Displaced d -> bringBack(loaded, d, context);
                case Manifest.Content c -> writeBack(loaded, c, context);
                case Manifest.Absent a -> takeAway(loaded, context);
                case Manifest.Modes m -> setModesBack(loaded, m, context);
            };
            discardUsed(loaded);
            return restored;
        } catch (IOException e) {
            throw Failures.io(path, e);
        }
    }

    /** a displaced tree goes back onto its free path; redo takes it away again. */
    private Restored bringBack(Loaded loaded, Manifest.Displaced displaced, ActionContext context)
            throws IOException, ActionException {
        Path path = loaded.path();
        Quarantine.Item item = loaded.item();
        if (!Fingerprint.of(item.data(), Fingerprint.Depth.CONTENT).equals(displaced.digest())) {
            throw damaged(loaded);
        }
        TreeMover.move(item.data(), path, context);
        // a directory renamed to another parent may get a new modification time; give it back its own
        Stat now = Stat.lstat(path);
        if (!now.mtime().equals(displaced.meta().mtimeValue()) && Attributes.timesSettable(context.caller(), now)) {
            Attributes.times(path, displaced.meta().mtimeValue(), displaced.meta().atimeValue());
        }
        Quarantine.Item redo = loaded.quarantine().create();
        loaded.quarantine().write(redo, new Manifest.Absent(name(), path.toString(), loaded.quarantine().now()));
        context.undoWith(name(), new Params(path.toString(), redo.id(), Fingerprint.of(path, Fingerprint.Depth.CONTENT)));
        return new Restored(path.toString(), item.id(), "brought back " + path + " (" + describe(displaced) + ")");
    }

    /** the earlier bytes go back into the file, which keeps its owner and mode; redo swaps them again. */
    private Restored writeBack(Loaded loaded, Manifest.Content content, ActionContext context)
            throws IOException, ActionException {
        Path path = loaded.path();
        Quarantine quarantine = loaded.quarantine();
        Quarantine.Item item = loaded.item();
        if (!Sha256.of(item.data()).equals(content.sha256())) {
            throw damaged(loaded);
        }
        Stat now = Stat.lstat(path);
        Quarantine.Item redo = quarantine.create();
        try {
            quarantine.keepContent(redo, name(), path, now);
            FileWriter.replace(path, now, FileWriter.Source.of(item.data()), false, content.meta().mtimeValue(),
                    context.caller());
        } catch (IOException | ActionException | RuntimeException e) {
            quarantine.discard(redo, e);
            throw e;
        }
        context.undoWith(name(), new Params(path.toString(), redo.id(), Fingerprint.of(path, Fingerprint.Depth.CONTENT)));
        return new Restored(path.toString(), item.id(), "wrote back the earlier " + Sizes.human(content.bytes())
                + " of " + path);
    }

    /** what the undone action created goes into the quarantine; redo brings it back. */
    private Restored takeAway(Loaded loaded, ActionContext context) throws IOException, ActionException {
        Path path = loaded.path();
        TreeSummary summary = TreeSummary.of(path, 0);
        Quarantine.Item redo = Displacer.displace(loaded.quarantine(), path, summary, name(), context);
        context.undoWith(name(), new Params(path.toString(), redo.id(), null));
        return new Restored(path.toString(), loaded.item().id(), "moved " + path + " (" + summary.describe()
                + ") into the quarantine");
    }

    /** the earlier modes go back; redo sets the later ones again. */
    private Restored setModesBack(Loaded loaded, Manifest.Modes modes, ActionContext context)
            throws IOException, ActionException {
        Path path = loaded.path();
        Quarantine quarantine = loaded.quarantine();
        List<Manifest.ModeChange> back = ModeChanges.reversed(modes.changes());
        ModeChanges.apply(path, back);
        Quarantine.Item redo = quarantine.create();
        quarantine.write(redo, new Manifest.Modes(name(), path.toString(), quarantine.now(), back));
        context.undoWith(name(), new Params(path.toString(), redo.id(), ModeChanges.digest(back)));
        return new Restored(path.toString(), loaded.item().id(), "set back the modes of " + back.size()
                + " entries at " + path);
    }

    private Loaded load(Params params, ActionContext context) throws ActionException {
        Path path = Failures.absolutePath(params.path());
        Quarantine quarantine = Quarantine.of(context);
        Quarantine.Item item = quarantine.find(params.item());
        Manifest manifest = quarantine.read(item);
        if (!manifest.original().equals(path.toString())) {
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
                Expectation.check(path, null, Fingerprint.Depth.CONTENT);
                checkParent(path);
            }
            case Manifest.Content _, Manifest.Absent _ -> Expectation.check(path, required(expect, item),
                    Fingerprint.Depth.CONTENT);
            case Manifest.Modes m -> ModeChanges.check(path, m.changes(), required(expect, item));
        }
        return new Loaded(path, quarantine, item, manifest);
    }

    private static String required(String expect, Quarantine.Item item) throws ActionException {
        if (expect == null) {
            throw new ActionException("quarantine item " + item.id() + " replaces what is at the path: give "
                    + "expect_digest, the fingerprint of what the change left; nothing was changed");
        }
        return expect;
    }

    private static void checkParent(Path path) throws ActionException {
        Path parent = path.getParent();
        try {
            if (!Stat.stat(parent).isDirectory()) {
                throw new ActionException("not a directory: " + parent + "; nothing was changed");
            }
        } catch (IOException e) {
            throw new ActionException(Failures.io(parent, e).getMessage() + " (restore that first); nothing was changed");
        }
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
