package dev.llmos.actions.files;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.llmos.action.Action;
import dev.llmos.action.ActionContext;
import dev.llmos.action.ActionException;
import dev.llmos.action.PathParam;
import dev.llmos.action.Risk;
import dev.llmos.posix.PosixException;
import dev.llmos.posix.ResolvedPath;
import dev.llmos.support.Sizes;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * {@code fs.write}: creates, overwrites or appends to a text file, atomically, keeping owner, group
 * and mode. the old content goes to the quarantine first; the inverse writes it back.
 */
public final class FsWriteAction implements Action<FsWriteAction.Params> {
    /** the most characters one call writes: the request must fit a protocol frame. */
    static final int MAX_CONTENT = 1 << 20;

    /** how the content meets what is already there; lowercase on the wire. */
    public enum Mode {
        /** a new file; an existing path is refused. */
        CREATE,
        /** replace the whole content of the file (or create it). */
        OVERWRITE,
        /** add the content at the end of the file (or create it). */
        APPEND
    }

    /**
     * params of {@code fs.write}.
     *
     * @param path the file; a symlink is written through, to its target
     * @param content the text, written as utf-8
     * @param mode create, overwrite or append
     */
    public record Params(
            @NotNull @PathParam @Size(max = 4096)
            @JsonPropertyDescription("absolute path of the file to write") String path,
            @NotNull @Size(max = MAX_CONTENT)
            @JsonPropertyDescription("the text to write, as utf-8") String content,
            @JsonProperty(defaultValue = "create")
            @JsonPropertyDescription("create: a new file, refusing an existing one; overwrite: replace the whole "
                    + "file; append: add to its end (both create a missing file)")
            Mode mode) {
    }

    /**
     * what was written.
     *
     * @param path the file written (the target when a symlink was named)
     * @param bytesWritten the bytes of the content
     * @param size the file's size now
     * @param created true when the file is new
     * @param atomic true when renamed into place; false when rewritten in place (a hard-linked file,
     *     or one whose owner the caller may not give a new file)
     */
    public record Written(String path, Mode mode, long bytesWritten, long size, boolean created, boolean atomic) {
    }

    /**
     * the file to write, as resolved, and what is there now.
     *
     * @param old the current file, held, or null when there is none
     */
    private record Plan(ResolvedPath target, Entry old, byte[] bytes, Mode mode) {
        boolean creates() {
            return old == null;
        }

        String path() {
            return target.path();
        }
    }

    @Override
    public String name() {
        return "fs.write";
    }

    @Override
    public String description() {
        return "write text to a file: create a new one, overwrite it or append to it (atomic, keeps owner and mode, undoable)";
    }

    @Override
    public List<String> examples() {
        return List.of(
                "create a file notes.txt that says buy milk",
                "write hello world into /tmp/hello.txt",
                "save this text to ~/todo.md",
                "pass a string of several lines to a file",
                "overwrite /etc/motd with a welcome message",
                "replace the contents of config.ini with these settings",
                "append a line to my shopping list",
                "add an alias to the end of ~/.bashrc",
                "put 127.0.0.1 myapp.local at the bottom of /etc/hosts",
                "make a new file called readme with some text",
                "log today's date to the end of journal.txt",
                "store this json in settings.json",
                "rite this paragraph to draft.txt",
                "clear the contents of the file todo.txt",
                "empty out.log but keep the file",
                "touch a new empty file");
    }

    /** undoable: the old content goes to the quarantine, or a new file is removed again. */
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
        Plan plan = plan(params, context);
        String target = plan.path();
        long adding = plan.bytes().length;
        Optional<String> old = plan.creates() ? Optional.of("") : read(plan.old());
        String summary;
        Preview.Op op;
        String after;
        if (plan.creates()) {
            op = Preview.Op.CREATE;
            summary = "create " + target + " (" + Sizes.iec(adding) + ")";
            after = params.content();
        } else if (plan.mode() == Mode.APPEND) {
            op = Preview.Op.APPEND;
            long size = plan.old().stat().size();
            summary = "append " + Sizes.iec(adding) + " to " + target + " (" + Sizes.iec(size)
                    + " -> " + Sizes.iec(size + adding) + ")";
            after = old.map(text -> text + params.content()).orElse(null);
        } else {
            op = Preview.Op.OVERWRITE;
            summary = "overwrite " + target + ": overwrites " + Sizes.iec(plan.old().stat().size()) + " with "
                    + Sizes.iec(adding) + " (the old content is kept in the quarantine for undo)";
            after = params.content();
        }
        String diff = old.isPresent() && after != null
                ? UnifiedDiff.of(plan.creates() ? "/dev/null" : target, old.get(), target, after)
                : null;
        if (diff == null) {
            summary += "; no diff: the file is binary or over " + Sizes.iec(Texts.DIFF_LIMIT);
        }
        return Optional.of(new Preview(summary, List.of(new Preview.Change(op, target, Sizes.iec(adding))), 0, diff));
    }

    @Override
    public Written execute(Params params, ActionContext context) throws ActionException {
        Plan plan = plan(params, context);
        ResolvedPath target = plan.target();
        try (Quarantine quarantine = Quarantine.open(context)) {
            return quarantine.withNewItem(plan.path(), item -> {
                FileWriter.Result result;
                if (plan.creates()) {
                    quarantine.write(item, new Manifest.Absent(name(), plan.path(), quarantine.now()));
                    result = FileWriter.create(target.parent(), target.name(), plan.path(),
                            FileWriter.Source.of(plan.bytes()), Umask.fileMode(context.caller()));
                } else {
                    quarantine.keepContent(item, name(), plan.old());
                    result = FileWriter.replace(plan.old(), FileWriter.Source.of(plan.bytes()),
                            plan.mode() == Mode.APPEND, null, context.caller());
                }
                String digest = Fingerprint.ofNamed(target.parent(), target.name(), result.written(), plan.path(),
                        Fingerprint.Depth.CONTENT);
                context.undoWith("fs.restore", new FsRestoreAction.Params(plan.path(), item.id(), digest));
                return new Written(plan.path(), plan.mode(), plan.bytes().length, result.written().size(),
                        plan.creates(), result.atomic());
            });
        }
    }

    private static Optional<String> read(Entry file) throws ActionException {
        try {
            return Texts.read(file);
        } catch (IOException e) {
            throw FileFailure.io(file.path(), e);
        }
    }

    private static Plan plan(Params params, ActionContext context) throws ActionException {
        ResolvedPath target = context.requirePath("path");
        byte[] bytes = params.content().getBytes(StandardCharsets.UTF_8);
        String path = target.path();
        if (!target.exists()) {
            Places.requireParent(target, "");
            return new Plan(target, null, bytes, params.mode());
        }
        if (params.mode() == Mode.CREATE) {
            throw FileFailure.exists(path, "use mode=overwrite or mode=append");
        }
        try {
            Entry old = Entry.root(target);
            if (old.stat().isDirectory()) {
                throw new ActionException("is a directory: " + path);
            }
            if (!old.stat().isRegularFile()) {
                throw new ActionException("not a regular file (device, fifo or socket): " + path);
            }
            Quarantine.checkLimit(path, old.stat().size(), "rewrite");
            return new Plan(target, old, bytes, params.mode());
        } catch (PosixException e) {
            throw FileFailure.io(path, e);
        }
    }
}
