package dev.llmos.actions.packages;

import dev.llmos.action.ActionException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * what an {@code apt-get install} or {@code remove} would do, from {@code apt-get -s}: a
 * simulation that takes no lock, changes nothing and works for any user. sizes come from
 * {@code apt-cache show} of the exact versions (download and installed size) and from dpkg for
 * what is replaced or removed.
 */
final class Simulation {
    private static final Pattern INST = Pattern.compile("^Inst (\\S+)(?: \\[([^\\]]*)\\])? \\((\\S+)");
    private static final Pattern REMV = Pattern.compile("^(?:Remv|Purg) (\\S+)(?: \\[([^\\]]*)\\])?");
    private static final Pattern CONF = Pattern.compile("^Conf (\\S+)");
    private static final Pattern SELECTING = Pattern.compile("^Note, selecting '([^']+)' instead of '([^']+)'");
    private static final Pattern VIRTUAL = Pattern.compile("^Package (\\S+) is a virtual package provided by:");
    private static final Pattern PROVIDER = Pattern.compile("^ {2}(\\S+) (\\S+)");

    private Simulation() {
    }

    /**
     * one package the run would touch.
     *
     * @param version the version installed (install, upgrade) or removed (remove)
     * @param from the version replaced by an upgrade or downgrade, null otherwise
     */
    record Step(String name, String version, String from) {
    }

    /**
     * the simulated run.
     *
     * @param install packages newly installed
     * @param upgrade installed packages that change version
     * @param remove packages removed
     * @param configure packages only configured (left unconfigured by an earlier run)
     * @param essential whether apt warned that essential packages would be removed
     * @param selected for a virtual name apt resolved by itself: the real package it chose, else null
     * @param downloadBytes the size of the archives to fetch, before apt's local cache is considered
     * @param diskChangeBytes how much more disk the installed packages take afterwards (negative: freed)
     */
    record Plan(List<Step> install, List<Step> upgrade, List<Step> remove, List<String> configure, boolean essential,
            String selected, long downloadBytes, long diskChangeBytes) {
        boolean touches(String name) {
            return install.stream().anyMatch(step -> bare(step.name()).equals(name))
                    || upgrade.stream().anyMatch(step -> bare(step.name()).equals(name));
        }

        /** packages other than {@code name} that would be removed. */
        List<String> removedBesides(String name) {
            return remove.stream().map(Step::name).filter(removed -> !bare(removed).equals(name)).toList();
        }
    }

    /**
     * simulates {@code apt-get install} ({@code target} is {@code name} or {@code name=version})
     * or {@code remove}; refuses with apt's reason, in plain words, when apt cannot plan it.
     */
    static Plan run(Apt apt, String verb, String name, String target) throws ActionException {
        Apt.Output output = Apt.run(apt.aptGet(List.of("-s", "-q", verb, "--", target)));
        if (output.exit() != 0) {
            throw failure(output, name, target);
        }
        List<Step> install = new ArrayList<>();
        List<Step> upgrade = new ArrayList<>();
        List<Step> remove = new ArrayList<>();
        Set<String> configure = new LinkedHashSet<>();
        boolean essential = false;
        String selected = null;
        for (String line : output.stdout().split("\n")) {
            Matcher matcher;
            if ((matcher = INST.matcher(line)).find()) {
                if (matcher.group(2) == null) {
                    install.add(new Step(matcher.group(1), matcher.group(3), null));
                } else if (!matcher.group(2).equals(matcher.group(3))) {
                    upgrade.add(new Step(matcher.group(1), matcher.group(3), matcher.group(2)));
                }
            } else if ((matcher = REMV.matcher(line)).find()) {
                remove.add(new Step(matcher.group(1), matcher.group(2), null));
            } else if ((matcher = CONF.matcher(line)).find()) {
                configure.add(matcher.group(1));
            } else if ((matcher = SELECTING.matcher(line)).find() && matcher.group(2).equals(name)) {
                selected = matcher.group(1);
            } else if (line.startsWith("WARNING: The following essential packages will be removed")) {
                essential = true;
            }
        }
        for (Step step : install) {
            configure.remove(step.name());
        }
        for (Step step : upgrade) {
            configure.remove(step.name());
        }
        long[] sizes = sizes(apt, install, upgrade, remove);
        return new Plan(install, upgrade, remove, List.copyOf(configure), essential, selected, sizes[0], sizes[1]);
    }

    /** the download size and the change in installed size, in bytes. */
    private static long[] sizes(Apt apt, List<Step> install, List<Step> upgrade, List<Step> remove)
            throws ActionException {
        List<Step> fetched = new ArrayList<>(install);
        fetched.addAll(upgrade);
        long download = 0;
        long disk = 0;
        if (!fetched.isEmpty()) {
            List<String> args = new ArrayList<>(List.of("show", "--"));
            fetched.forEach(step -> args.add(step.name() + "=" + step.version()));
            for (Map<String, String> record : AptCache.records(Apt.run(apt.aptCache(args)).stdout())) {
                download += Dpkg.parseLong(record.getOrDefault("Size", "0"));
                disk += Dpkg.parseLong(record.getOrDefault("Installed-Size", "0")) * 1024;
            }
        }
        List<String> replaced = new ArrayList<>();
        upgrade.forEach(step -> replaced.add(bare(step.name())));
        remove.forEach(step -> replaced.add(bare(step.name())));
        for (Dpkg.State state : Dpkg.states(apt, replaced).values()) {
            disk -= state.installedKib() * 1024;
        }
        return new long[] {download, disk};
    }

    /** a package name without its {@code :architecture} qualifier. */
    static String bare(String name) {
        int colon = name.indexOf(':');
        return colon < 0 ? name : name.substring(0, colon);
    }

    /** apt's refusal to plan, in plain words. */
    private static ActionException failure(Apt.Output output, String name, String target) {
        List<String> errors = Apt.errors(output.stderr());
        String first = errors.isEmpty() ? "apt-get -s exited with " + output.exit() : errors.getFirst();
        String message;
        if (first.startsWith("Unable to locate package")) {
            message = "no package named " + name + " in the configured apt sources";
        } else if (first.contains("has no installation candidate")) {
            List<String> providers = providers(output.stdout());
            message = providers.isEmpty()
                    ? name + " has no installation candidate: it is only referred to by other packages, or is "
                            + "obsolete"
                    : name + " is a virtual package provided by " + String.join(", ", providers)
                            + ": name the one to install";
        } else if (first.startsWith("Version '") && first.endsWith("was not found")) {
            message = "version " + target.substring(name.length() + 1) + " of " + name
                    + " is not in the configured apt sources";
        } else if (first.startsWith("Unable to correct problems")) {
            message = "apt cannot satisfy the dependencies of " + name + ": " + unmet(output.stdout());
        } else {
            message = "apt cannot plan this for " + name + ": " + String.join("; ", errors.isEmpty() ? List.of(first)
                    : errors);
        }
        return new ActionException(message, output.exit(), output.stderrTail());
    }

    private static List<String> providers(String stdout) {
        List<String> providers = new ArrayList<>();
        boolean inList = false;
        for (String line : stdout.split("\n")) {
            if (VIRTUAL.matcher(line).find()) {
                inList = true;
                continue;
            }
            Matcher provider = PROVIDER.matcher(line);
            if (inList && provider.find()) {
                providers.add(provider.group(1));
            } else if (inList) {
                break;
            }
        }
        return providers.size() > 20 ? providers.subList(0, 20) : providers;
    }

    /** the "the following packages have unmet dependencies" block, on one line. */
    private static String unmet(String stdout) {
        List<String> lines = new ArrayList<>();
        boolean inBlock = false;
        for (String line : stdout.split("\n")) {
            if (line.startsWith("The following packages have unmet dependencies")) {
                inBlock = true;
            } else if (inBlock && !line.isBlank()) {
                lines.add(line.strip());
            }
        }
        String text = lines.isEmpty() ? "see stderr" : String.join("; ", lines);
        return text.length() > 1000 ? text.substring(0, 1000) + " ..." : text;
    }
}
