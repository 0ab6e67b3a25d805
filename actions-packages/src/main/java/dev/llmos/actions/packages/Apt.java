package dev.llmos.actions.packages;

import dev.llmos.action.ActionException;
import dev.llmos.action.Programs;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * how the package tools are started: by absolute path from {@link Programs#SEARCH_PATH}, argv
 * only, stdin from {@code /dev/null}, a fixed environment (the c locale, so messages parse the same
 * everywhere; debconf and friends non-interactive) and nothing inherited that could redirect apt's
 * configuration ({@code APT_CONFIG}) or its behaviour.
 */
final class Apt {
    /** how long a read-only query (apt-cache, dpkg-query, a simulation) may take. */
    static final Duration QUERY_TIMEOUT = Duration.ofSeconds(120);
    /** the most output kept from one program; apt-cache search of a common word is a few mib. */
    static final int MAX_OUTPUT = 16 << 20;
    /** characters of stderr carried in an error. */
    static final int STDERR_TAIL = 2000;
    /** where apt keeps the downloaded package lists. */
    static final Path LISTS = Path.of("/var/lib/apt/lists");

    private Apt() {
    }

    /**
     * a program's output.
     *
     * @param exit its exit status
     */
    record Output(int exit, String stdout, String stderr) {
        /** the last {@link #STDERR_TAIL} characters of stderr, or null when it is blank. */
        String stderrTail() {
            return tail(stderr);
        }
    }

    /** the absolute path of a package tool, or a clear error on a system without it. */
    static String program(String name) throws ActionException {
        return Programs.resolve(name).map(Path::toString).orElseThrow(() -> new ActionException(
                name + " was not found in " + Programs.SEARCH_PATH + ": package actions need apt and dpkg"));
    }

    /** a process builder with the fixed environment and stdin from {@code /dev/null}. */
    static ProcessBuilder builder(List<String> argv) {
        ProcessBuilder builder = new ProcessBuilder(argv);
        Map<String, String> env = builder.environment();
        String home = env.getOrDefault("HOME", "/");
        env.clear();
        env.put("PATH", Programs.SEARCH_PATH);
        env.put("HOME", home);
        env.put("LC_ALL", "C.UTF-8");
        env.put("LANG", "C.UTF-8");
        env.put("TERM", "dumb");
        env.put("DEBIAN_FRONTEND", "noninteractive");
        env.put("DEBCONF_NONINTERACTIVE_SEEN", "true");
        env.put("APT_LISTCHANGES_FRONTEND", "none");
        env.put("APT_LISTBUGS_FRONTEND", "none");
        builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        return builder;
    }

    /** runs a query to completion and returns what it printed; fails only when it cannot be run. */
    static Output run(List<String> argv) throws ActionException {
        Process process;
        try {
            process = builder(argv).start();
        } catch (IOException e) {
            throw new ActionException("could not run " + argv.getFirst() + ": " + e.getMessage());
        }
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()),
                Thread::startVirtualThread);
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()),
                Thread::startVirtualThread);
        try {
            if (!process.waitFor(QUERY_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new ActionException(String.join(" ", argv) + " did not finish in "
                        + QUERY_TIMEOUT.toSeconds() + " s");
            }
            return new Output(process.exitValue(),
                    new String(out.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8),
                    new String(err.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new ActionException("interrupted while running " + argv.getFirst());
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            throw new ActionException("could not read the output of " + argv.getFirst() + ": " + e.getMessage());
        }
    }

    private static byte[] read(InputStream in) {
        try (in) {
            ByteArrayOutputStream kept = new ByteArrayOutputStream();
            byte[] buffer = new byte[65536];
            for (int n; (n = in.read(buffer)) >= 0;) {
                if (kept.size() + n <= MAX_OUTPUT) {
                    kept.write(buffer, 0, n);
                }
            }
            return kept.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** the last characters of a program's output, or null when there is none. */
    static String tail(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String trimmed = text.strip();
        return trimmed.length() <= STDERR_TAIL ? trimmed : trimmed.substring(trimmed.length() - STDERR_TAIL);
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
    static boolean listsPresent() {
        return listsPresent(List.of());
    }

    /** the same, for apt run with these {@code -o} options (which may move the lists elsewhere). */
    static boolean listsPresent(List<String> aptOptions) {
        Path lists = LISTS;
        for (String option : aptOptions) {
            if (option.startsWith("Dir::State::Lists=")) {
                lists = Path.of(option.substring("Dir::State::Lists=".length()));
            }
        }
        try (Stream<Path> files = Files.list(lists)) {
            return files.anyMatch(file -> file.getFileName().toString().contains("_Packages"));
        } catch (IOException e) {
            return false;
        }
    }

    /** refuses when the package lists are empty, so apt knows no package to install or search. */
    static void requireLists(List<String> aptOptions) throws ActionException {
        if (!listsPresent(aptOptions)) {
            throw new ActionException("package lists are empty: run apt-get update (or pkg.update) first");
        }
    }

    /** the effective uid of this process, from {@code /proc/self/status}; -1 when unreadable. */
    static int effectiveUid() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return Integer.parseInt(line.substring(4).strip().split("\\s+")[1]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** refuses unless this process runs as root, which apt needs to change the system. */
    static void requireRoot(String doing, String action) throws ActionException {
        if (effectiveUid() != 0) {
            throw new ActionException(doing + " needs root: policy must grant run_as root for " + action);
        }
    }
}
