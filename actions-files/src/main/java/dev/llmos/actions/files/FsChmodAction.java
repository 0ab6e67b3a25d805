package dev.llmos.actions.files;

import com.fasterxml.jackson.annotation.JsonProperty;
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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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

    /** the real path and each entry whose mode differs, in walk order. */
    private record Plan(Path root, String mode, List<Manifest.ModeChange> changes, long unchanged, boolean hidesDirs) {
    }

    @Override
    public String name() {
        return "fs.chmod";
    }

    @Override
    public String description() {
        return "change the permission bits of a file or directory (octal like 0644, or symbolic like u+x or go-w), "
                + "optionally recursively";
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
        Plan plan = plan(params);
        List<Preview.Change> changes = new ArrayList<>();
        for (Manifest.ModeChange change : plan.changes().subList(0, Math.min(Preview.LIMIT, plan.changes().size()))) {
            changes.add(new Preview.Change(Preview.Op.CHMOD, ModeChanges.resolve(plan.root(), change).toString(),
                    change.before() + " -> " + change.after()));
        }
        String summary = "set mode " + plan.mode() + " on " + plan.changes().size() + " of "
                + (plan.changes().size() + plan.unchanged()) + " entries at " + plan.root();
        if (plan.hidesDirs()) {
            summary += "; directories get no search (x) bit, so what is inside them becomes unreachable";
        }
        return Preview.of(summary, changes, plan.changes().size() - changes.size());
    }

    @Override
    public Chmodded execute(Params params, ActionContext context) throws ActionException {
        Plan plan = plan(params);
        String mode = plan.mode();
        if (plan.changes().isEmpty()) {
            return new Chmodded(plan.root().toString(), mode, 0, plan.unchanged());
        }
        Quarantine quarantine = Quarantine.of(context);
        Quarantine.Item item = quarantine.create();
        try {
            quarantine.write(item, new Manifest.Modes(name(), plan.root().toString(), quarantine.now(), plan.changes()));
            ModeChanges.apply(plan.root(), plan.changes());
        } catch (IOException e) {
            ActionException failure = Failures.io(plan.root(), e);
            quarantine.discard(item, failure);
            throw failure;
        } catch (ActionException | RuntimeException e) {
            quarantine.discard(item, e);
            throw e;
        }
        context.undoWith("fs.restore", new FsRestoreAction.Params(plan.root().toString(), item.id(),
                ModeChanges.digest(plan.changes())));
        return new Chmodded(plan.root().toString(), mode, plan.changes().size(), plan.unchanged());
    }

    private static Plan plan(Params params) throws ActionException {
        Path path = Failures.absolutePath(params.path());
        ModeSpec spec = ModeSpec.parse(params.mode());
        try {
            Path root = path.toRealPath();
            List<Tree.Entry> entries = new ArrayList<>();
            if (params.recursive()) {
                Tree.walk(root, entries::add);
            } else {
                entries.add(new Tree.Entry(root, "", Stat.lstat(root)));
            }
            List<Manifest.ModeChange> changes = new ArrayList<>();
            long unchanged = 0;
            boolean hidesDirs = false;
            for (Tree.Entry entry : entries) {
                Stat stat = entry.stat();
                if (stat.type() == EntryType.SYMLINK) {
                    continue;
                }
                int mode = spec.apply(stat.mode(), stat.isDirectory());
                if (stat.mode() == mode) {
                    unchanged++;
                } else {
                    changes.add(new Manifest.ModeChange(entry.relative(), stat.inode(), stat.modeOctal(),
                            Modes.octal(mode)));
                }
                hidesDirs |= stat.isDirectory() && (mode & 0111) == 0;
            }
            return new Plan(root, spec.absolute() ? Modes.octal(spec.apply(0, false)) : spec.toString(), changes,
                    unchanged, hidesDirs);
        } catch (IOException e) {
            throw Failures.io(path, e);
        }
    }
}
