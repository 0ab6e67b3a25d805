package dev.llmos.actions.packages;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.llmos.action.Action;
import dev.llmos.action.ActionContext;
import dev.llmos.action.ActionException;
import dev.llmos.action.Risk;
import dev.llmos.support.Sizes;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code pkg.remove}: removes one installed package (keeping its configuration files, like
 * {@code apt-get remove}), non-interactively, with progress. removes that package only: when
 * others depend on it (apt would remove them too) or it is essential, it refuses. a package that
 * is not installed is a no-op, not an error; a name no source or dpkg knows is an error.
 *
 * <p>undo: {@code pkg.install} of the exact version removed, recorded only when that version is
 * still in a configured source (else undo could not fetch it, and the result says so). the
 * reinstalled package is marked manually installed, even if it had been pulled in as a dependency.
 */
public final class PkgRemoveAction implements Action<PkgRemoveAction.Params> {
    private final Apt apt;

    public PkgRemoveAction() {
        this(List.of());
    }

    /** with extra {@code -o} options for apt-get. */
    PkgRemoveAction(List<String> aptOptions) {
        this.apt = new Apt(aptOptions);
    }

    /**
     * params of {@code pkg.remove}.
     *
     * @param version remove only if exactly this version is installed; null for whatever is
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Params(
            @NotNull @Size(min = 2, max = 128) @Pattern(regexp = Names.PACKAGE)
            @JsonPropertyDescription("the debian package name, e.g. cowsay") String name,
            @Size(max = 128) @Pattern(regexp = Names.VERSION)
            @JsonPropertyDescription("remove only if exactly this version is installed (undo uses it to refuse "
                    + "when the package changed since)")
            String version) {
    }

    /**
     * what was removed.
     *
     * @param status {@code removed}, or {@code not_installed} when nothing had to be done
     * @param version the version removed (null when none was installed)
     * @param undoAvailable whether an inverse was recorded (the version is still downloadable)
     * @param notes what undo will and will not do, a cancel that came too late
     */
    public record Removed(String name, String version, String status, boolean undoAvailable, double seconds,
            List<String> notes) {
    }

    @Override
    public String name() {
        return "pkg.remove";
    }

    @Override
    public String description() {
        return "remove an installed package, keeping its configuration files; refuses if others depend on it";
    }

    @Override
    public List<String> examples() {
        return List.of(
                "remove cowsay",
                "uninstall htop",
                "apt remove vlc",
                "get rid of the sl package",
                "i don't need gimp anymore, remove it",
                "delete the package nano",
                "take ffmpeg off this machine",
                "uninstall the figlet program",
                "remove package hello version 2.10-3");
    }

    /** undoable: the packages it removes are installed again. */
    @Override
    public boolean undoable(Params params) {
        return true;
    }

    @Override
    public Risk risk() {
        return Risk.SYSTEM;
    }

    /** a removed package's files and maintainer scripts cannot be restored as they were. */
    @Override
    public boolean irreversible() {
        return true;
    }

    @Override
    public Optional<Changes> preview(Params params, ActionContext context) throws ActionException {
        String name = Names.requirePackage(params.name());
        String version = Names.requireVersion(params.version());
        Optional<Dpkg.State> before = Dpkg.state(apt, name);
        if (notInstalled(name, before)) {
            return Optional.of(Changes.nothing("nothing to do: " + Mutation.describe(name, before)));
        }
        requireVersion(name, version, before.get());
        Simulation.Plan plan = plan(name);
        String summary = "remove " + name + " " + before.get().version() + "; frees "
                + Sizes.iec(Math.max(0, -plan.diskChangeBytes())) + " of disk";
        return Optional.of(Changes.of(summary, plan, notes(name, before.get(), reinstallable(name, before.get()))));
    }

    @Override
    public Removed execute(Params params, ActionContext context) throws ActionException {
        long start = System.nanoTime();
        String name = Names.requirePackage(params.name());
        String version = Names.requireVersion(params.version());
        Optional<Dpkg.State> before = Dpkg.state(apt, name);
        if (notInstalled(name, before)) {
            return new Removed(name, null, "not_installed", false, seconds(start),
                    List.of(Mutation.describe(name, before) + ": nothing was changed"));
        }
        Dpkg.State removed = before.get();
        requireVersion(name, version, removed);
        Apt.requireRoot("removing packages", name());
        Locks.requireFree(apt.dpkgLocks());
        plan(name);
        boolean reinstallable = reinstallable(name, removed);
        if (context.cancelled()) {
            throw new ActionException("cancelled before anything changed: " + Mutation.describe(name, before));
        }
        StatusRun.Progress progress = new StatusRun.Progress(context, 0);
        progress.note("removing " + name + " " + removed.version());
        StatusRun.Result run = StatusRun.run(Mutation.argv(apt, "remove", false, name), context, progress);
        Optional<Dpkg.State> after = Dpkg.state(apt, name);
        if (run.output().exit() != 0 || (after.isPresent() && after.get().installed())) {
            throw Mutation.failure("removing " + name, name, run, after, false, name());
        }
        progress.done("removed " + name + " " + removed.version());
        if (reinstallable) {
            context.undoWith("pkg.install", new PkgInstallAction.Params(name, removed.version()));
        }
        List<String> notes = new ArrayList<>(notes(name, removed, reinstallable));
        if (run.cancelRequested()) {
            notes.add("the cancel came after dpkg had started changing the system, so the removal was allowed "
                    + "to finish (stopping dpkg midway can leave packages half-removed)");
        }
        return new Removed(name, removed.version(), "removed", reinstallable, seconds(start), notes);
    }

    /**
     * true when the package is not installed (nothing to do); refuses a name that neither dpkg nor
     * any configured source knows, which is most likely a typo.
     */
    private boolean notInstalled(String name, Optional<Dpkg.State> before) throws ActionException {
        if (before.isPresent() && before.get().installed()) {
            return false;
        }
        if (before.isEmpty() && AptCache.policy(apt, name).isEmpty()) {
            throw new ActionException("no package named " + name
                    + " is installed, and none is in the configured apt sources");
        }
        if (before.isPresent() && !before.get().status().equals("config-files")
                && !before.get().status().equals("not-installed")) {
            // half-installed, unpacked, half-configured: apt-get remove can clean these up
            return false;
        }
        return true;
    }

    /** refuses when a version is named (undo does) and another one is installed now. */
    private static void requireVersion(String name, String version, Dpkg.State installed) throws ActionException {
        if (version != null && !version.equals(installed.version())) {
            throw new ActionException(name + " " + installed.version() + " is installed, not " + version
                    + " (it changed since); nothing was removed");
        }
    }

    /** apt's plan, refused when it would remove more than the package or touch an essential one. */
    private Simulation.Plan plan(String name) throws ActionException {
        Simulation.Plan plan = Simulation.run(apt, "remove", name, name);
        if (plan.essential()) {
            throw new ActionException(name + " is essential to the system (apt warns that removing it breaks it); "
                    + "pkg.remove does not remove essential packages, so nothing was changed");
        }
        List<String> others = plan.removedBesides(name);
        if (!others.isEmpty()) {
            String listed = others.size() > 20 ? String.join(", ", others.subList(0, 20)) + ", ..."
                    : String.join(", ", others);
            throw new ActionException("removing " + name + " would also remove " + others.size()
                    + (others.size() == 1 ? " package that depends" : " packages that depend") + " on it ("
                    + listed + "); pkg.remove removes one package only, so nothing was changed");
        }
        return plan;
    }

    /** whether the installed version can be downloaded again, so that undo can reinstall it. */
    private boolean reinstallable(String name, Dpkg.State installed) throws ActionException {
        return AptCache.policy(apt, name).flatMap(policy -> policy.version(installed.version()))
                .map(AptCache.Version::downloadable).orElse(false);
    }

    private static List<String> notes(String name, Dpkg.State removed, boolean reinstallable) {
        List<String> notes = new ArrayList<>();
        notes.add("configuration files are kept");
        if (reinstallable) {
            notes.add("undo reinstalls " + name + " " + removed.version() + " (as manually installed)");
        } else {
            notes.add("no undo: " + name + " " + removed.version()
                    + " is in no configured apt source, so it could not be reinstalled");
        }
        return notes;
    }

    private static double seconds(long start) {
        return Math.round((System.nanoTime() - start) / 1e6) / 1e3;
    }
}
