package dev.llmos.actions.files;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.llmos.action.Action;
import dev.llmos.action.ActionContext;
import dev.llmos.action.ActionException;
import dev.llmos.action.PathParam;
import dev.llmos.action.Risk;
import dev.llmos.posix.FileStat;
import dev.llmos.posix.PosixException;
import dev.llmos.posix.ResolvedPath;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code fs.chmod}: sets the permission bits (setuid, setgid and sticky included) of a file or
 * directory, and with {@code recursive} of everything below it; symlinks below are skipped, a
 * symlink named as the path is followed, as chmod(1) does. the inverse sets back every mode it
 * changed, only if none has changed since.
 */
public final class FsChmodAction implements Action<FsChmodAction.Params> {
    /**
     * params of {@code fs.chmod}.
     *
     * @param mode octal permission bits, like {@code 0644} or {@code 755}, or symbolic as chmod(1) takes
     *     them, like {@code u+x} or {@code go-rwx}
     */
    public record Params(
            @NotNull @PathParam @Size(max = 4096)
            @JsonPropertyDescription("absolute path of the file or directory") String path,
            @NotNull @Size(max = 64) @Pattern(regexp = ModeSpec.PATTERN)
            @JsonPropertyDescription("the new permission bits in octal, like 0644, 0755 or 4755, or symbolic as "
                    + "chmod takes them, like u+x, go-rwx, a+rX or u=rw,go=r (without u, g, o or a the umask 022 "
                    + "applies)") String mode,
            @JsonProperty(defaultValue = "false")
            @JsonPropertyDescription("also set the mode of everything below a directory (symlinks are skipped)")
            Boolean recursive) {
    }

    /**
     * what was changed.
     *
     * @param path the entry changed (the target when a symlink was named)
     * @param changed how many entries got the new mode
     * @param unchanged how many already had it
     */
    public record Chmodded(String path, String mode, long changed, long unchanged) {
    }

    /**
     * the real file or directory, held, and each entry whose mode differs, in walk order.
     *
     * @param mode the mode as shown: four octal digits, or the symbolic change as given
     */
    private record Plan(Entry root, String mode, List<Manifest.ModeChange> changes, long unchanged, boolean hidesDirs) {
    }

    @Override
    public String name() {
        return "fs.chmod";
    }

    @Override
    public String description() {
        return "change the permission bits of a file or directory (octal like 0644), optionally recursively";
    }

    @Override
    public List<String> examples() {
        return List.of(
                "chmod 755 ~/bin/deploy.sh",
                "make the script run.sh executable with mode 0755",
                "set permissions of secrets.txt to 600",
                "make ~/.ssh/id_ed25519 readable only by me",
                "give the shared folder mode 0775 recursively",
                "remove write permission for others on /srv/www",
                "change the mode of notes.md to 0644",
                "lock down the private directory to 0700 and everything inside",
                "set the setuid bit, mode 4755, on my tool",
                "chmod -R 0640 the config folder",
                "make deploy.sh executable",
                "give the owner the right to execute build.sh",
                "remove write permission from the group on shared.txt",
                "chmod u+x ~/bin/tool",
                "set the owner to read and write and everyone else to read only on notes.md",
                "take away all rights from others on ~/private");
    }

    /** undoable: the old modes are set back. */
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
        String root = plan.root().path();
        List<Preview.Change> changes = new ArrayList<>();
        for (Manifest.ModeChange change : plan.changes().subList(0, Math.min(Preview.LIMIT, plan.changes().size()))) {
            changes.add(new Preview.Change(Preview.Op.CHMOD, ModeChanges.resolve(root, change),
                    change.before() + " -> " + change.after()));
        }
        String summary = "set mode " + plan.mode() + " on " + plan.changes().size() + " of "
                + (plan.changes().size() + plan.unchanged()) + " entries at " + root;
        if (plan.hidesDirs()) {
            summary += "; directories get no search (x) bit, so what is inside them becomes unreachable";
        }
        return Optional.of(Preview.of(summary, changes, plan.changes().size() - changes.size()));
    }

    @Override
    public Chmodded execute(Params params, ActionContext context) throws ActionException {
        Plan plan = plan(params, context);
        String root = plan.root().path();
        String mode = plan.mode();
        if (plan.changes().isEmpty()) {
            return new Chmodded(root, mode, 0, plan.unchanged());
        }
        try (Quarantine quarantine = Quarantine.open(context)) {
            quarantine.withNewItem(root, item -> {
                quarantine.write(item, new Manifest.Modes(name(), root, quarantine.now(), plan.changes()));
                ModeChanges.apply(plan.root(), plan.changes());
                context.undoWith("fs.restore", new FsRestoreAction.Params(root, item.id(),
                        ModeChanges.digest(plan.changes())));
                return item;
            });
        }
        return new Chmodded(root, mode, plan.changes().size(), plan.unchanged());
    }

    private static Plan plan(Params params, ActionContext context) throws ActionException {
        ResolvedPath target = context.requirePath("path");
        ModeSpec spec = ModeSpec.parse(params.mode());
        if (!target.exists()) {
            throw new ActionException("no such file or directory: " + target.path());
        }
        try {
            Entry root = Entry.root(target);
            Planner planner = new Planner(spec);
            if (params.recursive()) {
                Tree.walk(root, planner);
            } else {
                planner.enter(root);
            }
            String shown = spec.absolute() ? Modes.octal(spec.apply(0, false)) : spec.toString();
            return new Plan(root, shown, planner.changes, planner.unchanged, planner.hidesDirs);
        } catch (IOException | PosixException e) {
            throw FileFailure.io(target.path(), e);
        }
    }

    /** collects each entry whose mode differs (symlinks have none of their own), refusing what root may not change. */
    private static final class Planner implements Tree.Visitor<RuntimeException> {
        private final ModeSpec spec;
        private final List<Manifest.ModeChange> changes = new ArrayList<>();
        private long unchanged;
        private boolean hidesDirs;

        Planner(ModeSpec spec) {
            this.spec = spec;
        }

        @Override
        public void enter(Entry entry) throws IOException {
            FileStat stat = entry.stat();
            if (stat.isSymlink()) {
                return;
            }
            int mode = spec.apply(stat.permissions(), stat.isDirectory());
            if (stat.permissions() == mode) {
                unchanged++;
            } else {
                Attributes.refuseHardLinked(stat, entry.path(), "change the mode of");
                changes.add(new Manifest.ModeChange(entry.relative(), stat.id().ino(), Modes.octal(stat.permissions()),
                        Modes.octal(mode)));
            }
            hidesDirs |= stat.isDirectory() && (mode & 0111) == 0;
        }
    }
}
