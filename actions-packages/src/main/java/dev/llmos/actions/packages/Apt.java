package dev.llmos.actions.packages;

import dev.llmos.action.ActionException;
import dev.llmos.action.Programs;
import dev.llmos.posix.Posix;
import dev.llmos.support.process.ProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * the package tools as one action runs them: by absolute path from {@link Programs#SEARCH_PATH},
 * argv only, stdin from {@code /dev/null}, a fixed environment (the c locale, so messages parse the
 * same everywhere; debconf and friends non-interactive) and nothing inherited that could redirect
 * apt's configuration ({@code APT_CONFIG}) or its behaviour; every apt command gets the same
 * {@code -o} options, and dpkg's database, apt's lists, cache and locks are where those options put
 * them. the daemon's actions use the system's configuration ({@link #SYSTEM}); a test gives
 * options that point everything at a private root.
 */
final class Apt {
    /** the system's own configuration. */
    static final Apt SYSTEM = new Apt(List.of());
    /** how long a read-only query (apt-cache, dpkg-query, a simulation) may take. */
    static final Duration QUERY_TIMEOUT = Duration.ofSeconds(120);
    /** the most output kept from one program; apt-cache search of a common word is a few mib. */
    static final int MAX_OUTPUT = 16 << 20;

    private final List<String> options;

    /** the package tools configured by these apt options ({@code Dir::State::Lists=/x}, ...). */
    Apt(List<String> options) {
        this.options = List.copyOf(options);
    }

    /**
     * a program's output.
     *
     * @param exit its exit status
     * @param stdout standard output
     * @param stderr standard error (for a status run: without the status lines)
     */
    record Output(int exit, String stdout, String stderr) {
        /** the end of stderr, or null when it is blank. */
        String stderrTail() {
            return tail(stderr);
        }
    }

    /** the absolute path of a package tool, or a clear error on a system without it. */
    static String program(String name) throws ActionException {
        return Programs.resolve(name).map(Path::toString).orElseThrow(() -> new ActionException(
                name + " was not found in " + Programs.SEARCH_PATH + ": package actions need apt and dpkg"));
    }

    /** {@code apt-get -o OPTION... ARGS}. */
    List<String> aptGet(List<String> args) throws ActionException {
        return withOptions("apt-get", args);
    }

    /** {@code apt-cache -o OPTION... ARGS}. */
    List<String> aptCache(List<String> args) throws ActionException {
        return withOptions("apt-cache", args);
    }

    /** {@code dpkg-query --admindir=DIR ARGS}: the database apt's options name. */
    List<String> dpkgQuery(List<String> args) throws ActionException {
        List<String> argv = new ArrayList<>(List.of(program("dpkg-query"), "--admindir=" + adminDir()));
        argv.addAll(args);
        return argv;
    }

    private List<String> withOptions(String tool, List<String> args) throws ActionException {
        List<String> argv = new ArrayList<>(List.of(program(tool)));
        for (String option : options) {
            argv.add("-o");
            argv.add(option);
        }
        argv.addAll(args);
        return argv;
    }

    /** the value of the last {@code -o KEY=VALUE} option for {@code key}, or {@code fallback}. */
    private String option(String key, String fallback) {
        String value = fallback;
        for (String option : options) {
            if (option.startsWith(key + "=")) {
                value = option.substring(key.length() + 1);
            }
        }
        return value;
    }

    /** dpkg's database directory: where {@code Dir::State::status} is. */
    Path adminDir() {
        return Path.of(option("Dir::State::status", "/var/lib/dpkg/status")).getParent();
    }

    /** where apt keeps the downloaded package lists. */
    Path lists() {
        return Path.of(option("Dir::State::Lists", "/var/lib/apt/lists"));
    }

    /** apt's record of which packages were installed automatically. */
    Path extendedStates() {
        return Path.of(option("Dir::State::extended_states", "/var/lib/apt/extended_states"));
    }

    /** where apt downloads packages. */
    Path archives() {
        return Path.of(option("Dir::Cache::Archives", option("Dir::Cache", "/var/cache/apt") + "/archives"));
    }

    /** the frontend lock apt holds for a whole run, and dpkg's own database lock. */
    List<Path> dpkgLocks() {
        return List.of(adminDir().resolve("lock-frontend"), adminDir().resolve("lock"));
    }

    /** what {@code apt-get update} locks. */
    List<Path> listsLocks() {
        return List.of(lists().resolve("lock"));
    }

    /** what an install locks besides dpkg: the download cache. */
    List<Path> archivesLocks() {
        return List.of(archives().resolve("lock"));
    }

    /** the fixed environment of every package tool. */
    static Map<String, String> environment() {
        return Map.of(
                "PATH", Programs.SEARCH_PATH,
                "HOME", System.getenv().getOrDefault("HOME", "/"),
                "LC_ALL", "C.UTF-8",
                "LANG", "C.UTF-8",
                "TERM", "dumb",
                "DEBIAN_FRONTEND", "noninteractive",
                "DEBCONF_NONINTERACTIVE_SEEN", "true",
                "APT_LISTCHANGES_FRONTEND", "none",
                "APT_LISTBUGS_FRONTEND", "none");
    }

    /** runs a query to completion and returns what it printed; fails only when it cannot be run. */
    static Output run(List<String> argv) throws ActionException {
        ProcessRunner.Result result;
        try {
            result = ProcessRunner.of(argv).environment(environment()).maxStdout(MAX_OUTPUT).maxStderr(MAX_OUTPUT)
                    .timeout(QUERY_TIMEOUT).run();
        } catch (IOException e) {
            throw new ActionException("could not run " + argv.getFirst() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ActionException("interrupted while running " + argv.getFirst());
        }
        if (result.ending() != dev.llmos.support.process.Ending.EXITED) {
            throw new ActionException(String.join(" ", argv) + " did not finish in " + QUERY_TIMEOUT.toSeconds() + " s");
        }
        return new Output(result.status(), result.stdout().text(), result.stderr().text());
    }

    /** the end of a program's output ({@value dev.llmos.support.process.Output#TAIL} bytes at most), or null when there is none. */
    static String tail(String text) {
        return text == null || text.isBlank() ? null : dev.llmos.support.process.Output.tailOf(text.strip());
    }

    /** the {@code E:} lines apt printed, without the prefix. */
    static List<String> errors(String stderr) {
        List<String> errors = new ArrayList<>();
        for (String line : stderr.split("\n")) {
            if (line.startsWith("E: ")) {
                errors.add(line.substring(3).strip());
            }
        }
        return errors;
    }

    /** whether any package list was downloaded ({@code apt-get update} has run at least once). */
    boolean listsPresent() {
        try (Stream<Path> files = Files.list(lists())) {
            return files.anyMatch(file -> file.getFileName().toString().contains("_Packages"));
        } catch (IOException e) {
            return false;
        }
    }

    /** refuses when the package lists are empty, so apt knows no package to install or search. */
    void requireLists() throws ActionException {
        if (!listsPresent()) {
            throw new ActionException("package lists are empty: run apt-get update (or pkg.update) first");
        }
    }

    /** refuses unless this process runs as root (its effective uid), which apt needs to change the system. */
    static void requireRoot(String doing, String action) throws ActionException {
        if (Posix.geteuid() != 0) {
            throw new ActionException(doing + " needs root: policy must grant run_as root for " + action);
        }
    }
}
