package dev.llmos.actions.packages;

import dev.llmos.action.Action;
import dev.llmos.action.ActionContext;
import dev.llmos.action.ActionException;
import dev.llmos.action.Risk;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code pkg.update}: downloads the package lists of the configured apt sources
 * ({@code apt-get update}), with progress; a cancel stops the download. no undo: apt keeps no copy
 * of the lists it replaces (and newer lists are what every other package action wants).
 */
public final class PkgUpdateAction implements Action<PkgUpdateAction.Params> {
    /** the most warnings returned. */
    private static final int MAX_WARNINGS = 20;

    private final Apt apt;

    public PkgUpdateAction() {
        this(List.of());
    }

    /** with extra {@code -o} options for apt-get (tests: private lists and sources). */
    PkgUpdateAction(List<String> aptOptions) {
        this.apt = new Apt(aptOptions);
    }

    /** {@code pkg.update} takes no params. */
    public record Params() {
    }

    /**
     * how the update went.
     *
     * @param changed index files downloaded because they changed ({@code Get:} lines)
     * @param unchanged index files already current ({@code Hit:} lines)
     * @param fetched how much was downloaded, as apt says it ({@code 62.3 kB})
     * @param warnings apt's warnings ({@code W:} lines)
     */
    public record Updated(int changed, int unchanged, String fetched, List<String> warnings, double seconds) {
    }

    /**
     * the preview: the sources whose lists would be downloaded.
     *
     * @param sources each as {@code uri suite component}
     */
    public record Sources(String summary, List<String> sources) {
    }

    @Override
    public String name() {
        return "pkg.update";
    }

    @Override
    public String description() {
        return "refresh the package lists from the configured apt sources (apt-get update)";
    }

    @Override
    public List<String> examples() {
        return List.of(
                "update the package lists",
                "apt update",
                "refresh the apt cache",
                "check the repositories for new package versions",
                "sync the package index",
                "fetch the latest list of available packages",
                "run apt-get update",
                "reload package sources",
                "refresh the package databases",
                "download fresh package lists from the repositories",
                "regenerate the package metadata cache");
    }

    @Override
    public Risk risk() {
        return Risk.SYSTEM;
    }

    @Override
    public Optional<Sources> preview(Params params, ActionContext context) throws ActionException {
        Apt.Output output = Apt.run(apt.aptGet(List.of("indextargets", "--no-release-info", "--format",
                "$(REPO_URI) $(RELEASE) $(COMPONENT)", "Created-By: Packages")));
        Set<String> sources = new LinkedHashSet<>();
        for (String line : output.stdout().split("\n")) {
            // a flat repository (`deb URI ./`) has no component: apt leaves its placeholder
            String source = line.replace("$(COMPONENT)", "").strip();
            if (!source.isEmpty() && sources.size() < 100) {
                sources.add(source);
            }
        }
        return Optional.of(new Sources("download the package lists of " + sources.size() + " apt source"
                + (sources.size() == 1 ? "" : "s"), List.copyOf(sources)));
    }

    @Override
    public Updated execute(Params params, ActionContext context) throws ActionException {
        long start = System.nanoTime();
        Apt.requireRoot("updating the package lists", name());
        Locks.requireFree(apt.listsLocks());
        List<String> argv = apt.aptGet(List.of("-q", "-o", "APT::Status-Fd=2", "update"));
        StatusRun.Progress progress = new StatusRun.Progress(context, 1.0);
        progress.note("updating the package lists");
        StatusRun.Result run = StatusRun.run(argv, context, progress);
        Apt.Output output = run.output();
        int changed = 0;
        int unchanged = 0;
        String fetched = "0 B";
        List<String> failed = new ArrayList<>();
        for (String line : output.stdout().split("\n")) {
            if (line.startsWith("Get:")) {
                changed++;
            } else if (line.startsWith("Hit:")) {
                unchanged++;
            } else if (line.startsWith("Err:")) {
                failed.add(line.substring(line.indexOf(' ') + 1).strip());
            } else if (line.startsWith("Fetched ")) {
                fetched = line.substring(8).split(" in ")[0].strip();
            }
        }
        List<String> warnings = new ArrayList<>();
        for (String line : output.stderr().split("\n")) {
            if (line.startsWith("W: ") && warnings.size() < MAX_WARNINGS) {
                warnings.add(line.substring(3).strip());
            }
        }
        if (output.exit() != 0) {
            if (run.interrupted()) {
                throw new ActionException("cancelled: apt-get update stopped; the lists it had not finished keep "
                        + "their previous contents", output.exit(), output.stderrTail());
            }
            throw Locks.fromApt(output).orElseGet(() -> new ActionException("apt-get update failed"
                    + (failed.isEmpty() ? "" : " for " + String.join("; ", failed)) + ": "
                    + String.join("; ", Apt.errors(output.stderr()))
                    + " (the lists of the other sources were updated)", output.exit(), output.stderrTail()));
        }
        progress.done("package lists updated");
        return new Updated(changed, unchanged, fetched, warnings, Math.round((System.nanoTime() - start) / 1e6) / 1e3);
    }
}
