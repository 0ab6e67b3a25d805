package dev.llmos.actions.desktop.backend;

import dev.llmos.action.ActionException;
import dev.llmos.action.Programs;
import dev.llmos.support.process.ProcessRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * runs the desktop tools of a backend through the project's {@link ProcessRunner}: argv only, a
 * fixed environment (never the daemon's), a timeout, bounded output (a tool that writes more is
 * stopped), and a clear error naming the package to install when a tool is missing.
 */
public final class ToolRunner {
    /**
     * a program a backend runs.
     *
     * @param program the bare program name, looked up in the runner's search path
     * @param debianPackage the debian package that installs it
     */
    public record Tool(String program, String debianPackage) {
    }

    /**
     * what a run produced.
     *
     * @param exitCode the program's exit status
     * @param stdout standard output, at most the run's limit
     * @param overflow true when standard output went past the limit (the program was stopped)
     * @param stderr the tail of standard error, stripped
     */
    public record Result(int exitCode, byte[] stdout, boolean overflow, String stderr) {
        /** standard output as utf-8 text. */
        public String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }

        public boolean ok() {
            return exitCode == 0;
        }
    }

    /**
     * how to run one invocation.
     *
     * @param stdin bytes written to the program's standard input, or null for none
     * @param extraEnv variables added to the runner's environment for this run
     * @param timeout how long the program may run
     * @param maxStdout the most bytes of standard output kept
     * @param detached true for a program that forks a child which keeps running (xclip serving the
     *     selection): its output goes to a file rather than a pipe the child would hold open, and
     *     only the parent is waited for
     * @param cancelled polled while the program runs; true stops it
     */
    public record Options(byte[] stdin, Map<String, String> extraEnv, Duration timeout, int maxStdout,
            boolean detached, BooleanSupplier cancelled) {
        public static Options timeout(Duration timeout) {
            return new Options(null, Map.of(), timeout, 1 << 20, false, () -> false);
        }

        public Options stdin(byte[] bytes) {
            return new Options(bytes, extraEnv, timeout, maxStdout, detached, cancelled);
        }

        public Options env(Map<String, String> env) {
            return new Options(stdin, env, timeout, maxStdout, detached, cancelled);
        }

        public Options maxStdout(int bytes) {
            return new Options(stdin, extraEnv, timeout, bytes, detached, cancelled);
        }

        public Options inBackground() {
            return new Options(stdin, extraEnv, timeout, maxStdout, true, cancelled);
        }

        public Options cancelledBy(BooleanSupplier supplier) {
            return new Options(stdin, extraEnv, timeout, maxStdout, detached, supplier);
        }
    }

    private final Function<String, Optional<Path>> lookup;
    private final Map<String, String> environment;

    /**
     * a runner that finds programs with {@code lookup} and gives them exactly {@code environment}.
     */
    public ToolRunner(Function<String, Optional<Path>> lookup, Map<String, String> environment) {
        this.lookup = lookup;
        this.environment = Map.copyOf(environment);
    }

    /** the lookup the daemon and policy share: {@link Programs#SEARCH_PATH}, never the caller's path. */
    public static Function<String, Optional<Path>> standardLookup() {
        return Programs::resolve;
    }

    /** a lookup in these directories only, in order (what {@link Programs#SEARCH_PATH} does, elsewhere). */
    public static Function<String, Optional<Path>> searching(List<Path> dirs) {
        return name -> {
            for (Path dir : dirs) {
                Path candidate = dir.resolve(name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
            return Optional.empty();
        };
    }

    /** the error for a tool that is not installed, naming its package. */
    public static String missingMessage(Tool tool) {
        return tool.program() + " is not installed (apt install " + tool.debianPackage() + ")";
    }

    /** true when {@code tool} is installed. */
    public boolean available(Tool tool) {
        return lookup.apply(tool.program()).isPresent();
    }

    /** the environment every run gets. */
    public Map<String, String> environment() {
        return environment;
    }

    /** runs {@code tool} with {@code args} and waits for it; a non-zero exit is a result, not an error. */
    public Result run(Tool tool, List<String> args, Options options) throws ActionException {
        Path program = lookup.apply(tool.program()).orElseThrow(() -> new ActionException(missingMessage(tool)));
        List<String> argv = new ArrayList<>(args.size() + 1);
        argv.add(program.toString());
        argv.addAll(args);
        Map<String, String> env = new HashMap<>(environment);
        env.putAll(options.extraEnv());
        ProcessRunner runner = ProcessRunner.of(argv).environment(env).stdin(options.stdin())
                .maxStdout(options.maxStdout()).stopWhenFull().timeout(options.timeout())
                .cancelledBy(options.cancelled());
        if (options.detached()) {
            runner.detached();
        }
        ProcessRunner.Result result;
        try {
            result = runner.run();
        } catch (IOException e) {
            throw new ActionException("cannot run " + tool.program() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ActionException(tool.program() + " was interrupted");
        }
        String stderr = result.stderr().tail().strip();
        return switch (result.ending()) {
            case CANCELLED -> throw new ActionException(tool.program() + " was stopped: the request was cancelled");
            case TIMED_OUT -> throw new ActionException(tool.program() + " did not finish within "
                    + seconds(options.timeout()) + " and was stopped", null, stderr.isEmpty() ? null : stderr);
            // more output than the limit, whether the tool was stopped for it or had already exited
            case OUTPUT_LIMIT, EXITED, STOPPED -> result.stdout().truncated()
                    ? new Result(-1, result.stdout().bytes(), true, stderr)
                    : new Result(result.status(), result.stdout().bytes(), false, stderr);
        };
    }

    private static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}
