package dev.llmos.actions.files;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.llmos.action.Action;
import dev.llmos.action.ActionContext;
import dev.llmos.action.ActionException;
import dev.llmos.action.PathParam;
import dev.llmos.action.Risk;
import dev.llmos.posix.Fd;
import dev.llmos.posix.Posix;
import dev.llmos.posix.PosixException;
import dev.llmos.posix.ResolvedPath;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
    public Optional<Preview> preview(Params params, ActionContext context) throws ActionException {
        ResolvedPath target = context.requirePath("path");
        List<String> missing = missing(target, params.parents());
        String mode = Modes.octal(Umask.directoryMode(context.caller()));
        if (missing.isEmpty()) {
            return Optional.of(Preview.of("nothing to do: " + target.path() + " is already a directory", List.of(), 0));
        }
        List<Preview.Change> changes = new ArrayList<>();
        for (String dir : missing) {
            changes.add(new Preview.Change(Preview.Op.CREATE, dir, "directory " + mode));
        }
        String summary = missing.size() == 1 ? "create the directory " + target.path() + " (" + mode + ")"
                : "create " + missing.size() + " directories down to " + target.path() + " (" + mode + ")";
        return Optional.of(Preview.of(summary, changes, 0));
    }

    @Override
    public Made execute(Params params, ActionContext context) throws ActionException {
        ResolvedPath target = context.requirePath("path");
        List<String> missing = missing(target, params.parents());
        int mode = Umask.directoryMode(context.caller());
        if (missing.isEmpty()) {
            return new Made(target.path(), List.of(), Modes.octal(mode));
        }
        try (Quarantine quarantine = Quarantine.open(context); Making made = new Making(target)) {
            String top = missing.getFirst();
            return quarantine.withNewItem(target.path(), item -> {
                quarantine.write(item, new Manifest.Absent(name(), top, quarantine.now()));
                try {
                    for (int i = 0; i < missing.size(); i++) {
                        made.next(target.missing().get(i), missing.get(i), mode);
                    }
                } catch (IOException e) {
                    made.rollBack(e);
                    throw e;
                }
                String digest = Fingerprint.of(made.top(), Fingerprint.Depth.CONTENT);
                context.undoWith("fs.restore", new FsRestoreAction.Params(top, item.id(), digest));
                return new Made(target.path(), missing, Modes.octal(mode));
            });
        }
    }

    /** the paths of the directories to create, outermost first; refuses what mkdir(1) would refuse. */
    private static List<String> missing(ResolvedPath target, boolean parents) throws ActionException {
        String path = target.path();
        if (target.exists()) {
            if (!target.stat().orElseThrow().isDirectory()) {
                throw FileFailure.exists(path, "not a directory");
            }
            if (!parents) {
                throw FileFailure.exists(path, "use parents=true to accept an existing directory");
            }
            return List.of();
        }
        if (!parents) {
            Places.requireParent(target, " (use parents=true to create missing parents)");
        }
        List<String> missing = new ArrayList<>();
        String dir = path;
        for (int i = 0; i < target.missing().size(); i++) {
            missing.addFirst(dir);
            dir = Places.parent(dir);
        }
        return missing;
    }

    /**
     * the directories made so far, each by one name in the one made before it (the first in the
     * resolved parent), held so that a failure takes away exactly those.
     */
    private static final class Making implements AutoCloseable {
        private final ResolvedPath target;
        private final List<Entry> made = new ArrayList<>();

        Making(ResolvedPath target) {
            this.target = target;
        }

        /** makes the directory {@code name} (at {@code path}) in the last one made, with exactly {@code mode}. */
        void next(String name, String path, int mode) throws IOException {
            Fd in = made.isEmpty() ? target.parent() : made.getLast().self();
            try {
                in.mkdirAt(name, mode);
                Fd dir = in.directoryAt(name);
                Entry entry = new Entry(dir, dir.stat(), in, name, "", path);
                made.add(entry);
                if (entry.stat().uid() != Posix.getuid()) {
                    // not the directory just made: leave it, and its name, alone
                    made.removeLast();
                    dir.close();
                    throw FileFailure.changed(path);
                }
                dir.chmod(mode);
            } catch (PosixException e) {
                throw FileFailure.at(path, e);
            }
        }

        Entry top() {
            return made.getFirst();
        }

        /** removes the directories made, innermost first, each only while its name still holds it. */
        void rollBack(Exception cause) {
            for (Entry entry : made.reversed()) {
                try {
                    entry.checkNamed();
                    entry.dir().rmdirAt(entry.name());
                } catch (IOException | PosixException e) {
                    cause.addSuppressed(FileFailure.at(entry.path(), e));
                }
            }
        }

        @Override
        public void close() {
            made.reversed().forEach(entry -> entry.self().close());
        }
    }
}
