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
 * {@code pkg.install}: installs one package from the configured apt sources, with its
 * dependencies, non-interactively, reporting download and dpkg progress. never removes a package
 * (apt runs with {@code --no-remove}). a package already installed is a no-op, not an error.
 *
 * <p>undo: {@code pkg.remove} of the package, pinned to the version installed, so it refuses if the
 * version changed since. dependencies pulled in are marked automatically installed by apt, so
 * undo leaves them and {@code apt-get autoremove} takes them once nothing needs them; packages apt
 * upgraded to satisfy dependencies stay upgraded.
 */
public final class PkgInstallAction implements Action<PkgInstallAction.Params> {
    private final Apt apt;

    public PkgInstallAction() {
        this(List.of());
    }

    /** with extra {@code -o} options for apt-get (tests: a private download cache, a bandwidth limit). */
    PkgInstallAction(List<String> aptOptions) {
        this.apt = new Apt(aptOptions);
    }

    /**
     * params of {@code pkg.install}.
     *
     * @param version an exact version; null for apt's candidate
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Params(
            @NotNull @Size(min = 2, max = 128) @Pattern(regexp = Names.PACKAGE)
            @JsonPropertyDescription("the debian package name, e.g. htop or python3-numpy") String name,
            @Size(max = 128) @Pattern(regexp = Names.VERSION)
            @JsonPropertyDescription("an exact version to install, e.g. 2.10-3; apt's candidate when omitted")
            String version) {
    }

    /**
     * what was installed.
     *
     * @param status {@code installed}, or {@code already_installed} when nothing had to be done
     * @param version the version now installed
     * @param alsoInstalled dependencies installed with it (marked automatically installed)
     * @param upgraded installed packages apt upgraded to satisfy dependencies
     * @param downloadBytes the archives' size (at most what was fetched)
     * @param notes what undo will and will not do, a cancel that came too late
     */
    public record Installed(String name, String version, String status, List<Changes.Change> alsoInstalled,
            List<Changes.Change> upgraded, long downloadBytes, double seconds, List<String> notes) {
    }

    @Override
    public String name() {
        return "pkg.install";
    }

    @Override
    public String description() {
        return "install a package (and its dependencies) from the configured apt sources";
    }

    @Override
    public List<String> examples() {
        return List.of(
                "install htop",
                "apt install ripgrep",
                "please install the package curl",
                "i need ffmpeg on this machine",
                "get me vlc",
                "set up git",
                "add the jq package",
                "install python3-pip so i can use pip",
                "install version 2.10-3 of hello",
                "put the tree command on this system");
    }

    /** undoable: the packages it installs are removed again. */
    @Override
    public boolean undoable(Params params) {
        return true;
    }

    @Override
    public Risk risk() {
        return Risk.SYSTEM;
    }

    @Override
    public Optional<Changes> preview(Params params, ActionContext context) throws ActionException {
        String name = Names.requirePackage(params.name());
        String version = Names.requireVersion(params.version());
        Optional<Dpkg.State> before = Dpkg.state(apt, name);
        if (alreadyInstalled(name, version, before)) {
            return Optional.of(Changes.nothing("nothing to do: " + Mutation.describe(name, before)));
        }
        apt.requireLists();
        Simulation.Plan plan = plan(name, version);
        String summary = "install " + name + " " + selfVersion(plan, name);
        int others = (int) plan.install().stream().filter(step -> !Simulation.bare(step.name()).equals(name))
                .count();
        if (others > 0) {
            summary += " and " + others + (others == 1 ? " dependency" : " dependencies");
        }
        if (!plan.upgrade().isEmpty()) {
            summary += ", upgrade " + plan.upgrade().size();
        }
        summary += "; download up to " + Sizes.iec(plan.downloadBytes()) + ", "
                + (plan.diskChangeBytes() >= 0 ? Sizes.iec(plan.diskChangeBytes()) + " more"
                        : Sizes.iec(-plan.diskChangeBytes()) + " less") + " disk used";
        return Optional.of(Changes.of(summary, plan, notes(plan, name)));
    }

    @Override
    public Installed execute(Params params, ActionContext context) throws ActionException {
        long start = System.nanoTime();
        String name = Names.requirePackage(params.name());
        String version = Names.requireVersion(params.version());
        Optional<Dpkg.State> before = Dpkg.state(apt, name);
        if (alreadyInstalled(name, version, before)) {
            return new Installed(name, before.get().version(), "already_installed", List.of(), List.of(), 0,
                    seconds(start), List.of(Mutation.describe(name, before) + ": nothing was changed"));
        }
        Apt.requireRoot("installing packages", name());
        apt.requireLists();
        Locks.requireFree(apt.dpkgLocks());
        Locks.requireFree(apt.archivesLocks());
        Simulation.Plan plan = plan(name, version);
        if (context.cancelled()) {
            throw new ActionException("cancelled before anything changed: " + Mutation.describe(name, before));
        }
        StatusRun.Progress progress = new StatusRun.Progress(context, 0.5);
        progress.note("installing " + name + " " + selfVersion(plan, name)
                + (plan.install().size() > 1 ? " with " + (plan.install().size() - 1) + " more" : ""));
        String target = version == null ? name : name + "=" + version;
        StatusRun.Result run = StatusRun.run(Mutation.argv(apt, "install", true, target), context, progress);
        Optional<Dpkg.State> after = Dpkg.state(apt, name);
        if (run.output().exit() != 0 || after.isEmpty() || !after.get().installed()) {
            throw Mutation.failure("installing " + name, name, run, after, true, name());
        }
        String installed = after.get().version();
        progress.done("installed " + name + " " + installed);
        context.undoWith("pkg.remove", new PkgRemoveAction.Params(name, installed));
        List<String> notes = notes(plan, name);
        if (run.cancelRequested()) {
            notes = new ArrayList<>(notes);
            notes.add("the cancel came after dpkg had started changing the system, so the installation was "
                    + "allowed to finish (stopping dpkg midway can leave packages half-configured)");
        }
        List<Changes.Change> others = Changes.changes(plan.install().stream()
                .filter(step -> !Simulation.bare(step.name()).equals(name)).toList());
        return new Installed(name, installed, "installed", others, Changes.changes(plan.upgrade()),
                plan.downloadBytes(), seconds(start), notes);
    }

    /**
     * true when the package is installed at the wanted version (any, when none is named); refuses
     * when another version is installed: changing versions is not what install does here.
     */
    private static boolean alreadyInstalled(String name, String version, Optional<Dpkg.State> before)
            throws ActionException {
        if (before.isEmpty() || !before.get().installed()) {
            return false;
        }
        if (version == null || version.equals(before.get().version())) {
            return true;
        }
        throw new ActionException(name + " " + before.get().version() + " is installed, not " + version
                + ": pkg.install does not change the version of an installed package; nothing was changed");
    }

    /** apt's plan, refused when it would remove anything or would not install the named package itself. */
    private Simulation.Plan plan(String name, String version) throws ActionException {
        Simulation.Plan plan = Simulation.run(apt, "install", name, version == null ? name : name + "=" + version);
        List<String> removed = plan.remove().stream().map(Simulation.Step::name).toList();
        if (!removed.isEmpty()) {
            throw new ActionException("installing " + name + " would remove " + String.join(", ", removed)
                    + " (they conflict with it); pkg.install never removes packages, so nothing was changed");
        }
        if (!plan.touches(name) && !plan.configure().contains(name)) {
            // apt names the provider it picks for a virtual package only when not quiet: ask who provides it
            String selected = plan.selected() != null ? plan.selected() : AptCache.providers(apt, name).stream()
                    .filter(plan::touches).findFirst().orElse(null);
            if (selected != null) {
                throw new ActionException(name + " is a virtual package: apt would install " + selected
                        + " for it; ask for " + selected + " by name");
            }
            throw new ActionException("apt would not install " + name + " itself (nothing to do, or it is "
                    + "provided by another package); nothing was changed");
        }
        return plan;
    }

    /** the version apt installs; a package an earlier run left unpacked is only configured. */
    private static String selfVersion(Simulation.Plan plan, String name) {
        return plan.install().stream().filter(step -> Simulation.bare(step.name()).equals(name)).findFirst()
                .or(() -> plan.upgrade().stream().filter(step -> Simulation.bare(step.name()).equals(name))
                        .findFirst())
                .map(Simulation.Step::version)
                .orElse("(already unpacked, to be configured)");
    }

    private static List<String> notes(Simulation.Plan plan, String name) {
        List<String> notes = new ArrayList<>();
        notes.add("undo removes " + name + " only");
        if (plan.install().size() > 1) {
            notes.add("dependencies are marked as automatically installed: undo leaves them, and apt-get "
                    + "autoremove takes them once nothing needs them");
        }
        if (!plan.upgrade().isEmpty()) {
            notes.add("upgrades of installed packages are not undone");
        }
        if (!plan.configure().isEmpty()) {
            notes.add("apt also finishes configuring packages an earlier run left unconfigured: "
                    + String.join(", ", plan.configure()));
        }
        return notes;
    }

    private static double seconds(long start) {
        return Math.round((System.nanoTime() - start) / 1e6) / 1e3;
    }
}
