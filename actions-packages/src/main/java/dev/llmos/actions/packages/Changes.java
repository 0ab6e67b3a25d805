package dev.llmos.actions.packages;

import java.util.List;

/**
 * the preview of {@code pkg.install} and {@code pkg.remove}: what apt would do, from its simulation.
 *
 * @param summary one line for the confirmation prompt
 * @param install packages newly installed, with the version
 * @param upgrade installed packages whose version changes ({@code from} the current one)
 * @param remove packages removed, with the installed version
 * @param configure packages an earlier run left unconfigured, which apt finishes along the way
 * @param downloadBytes what apt fetches at most (less when archives are in its cache)
 * @param diskChangeBytes how much more disk the packages take afterwards; negative when freed
 * @param notes what else to know: undo limits, dependencies left behind
 */
public record Changes(String summary, List<Change> install, List<Change> upgrade, List<Change> remove,
        List<String> configure, long downloadBytes, long diskChangeBytes, List<String> notes) {
    /**
     * one package.
     *
     * @param version the version installed, or removed
     * @param from for an upgrade or downgrade, the version replaced; null otherwise
     */
    public record Change(String name, String version, String from) {
    }

    /** nothing to do, and why. */
    static Changes nothing(String summary) {
        return new Changes(summary, List.of(), List.of(), List.of(), List.of(), 0, 0, List.of());
    }

    static Changes of(String summary, Simulation.Plan plan, List<String> notes) {
        return new Changes(summary, changes(plan.install()), changes(plan.upgrade()), changes(plan.remove()),
                plan.configure(), plan.downloadBytes(), plan.diskChangeBytes(), List.copyOf(notes));
    }

    static List<Change> changes(List<Simulation.Step> steps) {
        return steps.stream().map(step -> new Change(step.name(), step.version(), step.from())).toList();
    }
}
