package dev.llmos.actions.desktop.backend;

import dev.llmos.action.ActionException;
import dev.llmos.action.Programs;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * runs the desktop tools of a backend: argv only, a fixed environment (never the daemon's), a
 * timeout, bounded output, and a clear error naming the package to install when a tool is missing.
 */
public final class ToolRunner {
    /** how much of stderr an error keeps. */
    static final int STDERR_TAIL = 2048;
    private static final long POLL_MILLIS = 25;

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
     * @param stderr the tail of standard error
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
        ProcessBuilder builder = new ProcessBuilder(argv);
        builder.environment().clear();
        builder.environment().putAll(environment);
        builder.environment().putAll(options.extraEnv());
        builder.directory(new File("/"));
        Path errFile = null;
        if (options.detached()) {
            try {
                errFile = Files.createTempFile("llmos-" + tool.program() + "-", ".err");
            } catch (IOException e) {
                throw new ActionException("cannot create a temporary file for " + tool.program() + ": " + e.getMessage());
            }
            builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
            builder.redirectError(errFile.toFile());
        }
        if (options.stdin() == null) {
            builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        }
        try {
            return runStarted(tool, builder, options, errFile);
        } finally {
            if (errFile != null) {
                try {
                    Files.deleteIfExists(errFile);
                } catch (IOException e) {
                    // a stray empty file in the temp dir; nothing depends on it
                }
            }
        }
    }

    private Result runStarted(Tool tool, ProcessBuilder builder, Options options, Path errFile) throws ActionException {
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new ActionException("cannot run " + tool.program() + ": " + e.getMessage());
        }
        try {
            CompletableFuture<Void> feeding = feed(process, options.stdin());
            CompletableFuture<Bounded> out = options.detached()
                    ? CompletableFuture.completedFuture(new Bounded(new byte[0], false))
                    : drain(process.getInputStream(), options.maxStdout(), true);
            CompletableFuture<Bounded> err = options.detached()
                    ? CompletableFuture.completedFuture(new Bounded(new byte[0], false))
                    : drain(process.getErrorStream(), STDERR_TAIL, false);
            long deadline = System.nanoTime() + options.timeout().toNanos();
            while (!process.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                if (out.isDone() && out.get().overflow()) {
                    process.destroyForcibly();
                    process.waitFor();
                    break;
                }
                if (options.cancelled().getAsBoolean()) {
                    process.destroyForcibly();
                    process.waitFor();
                    throw new ActionException(tool.program() + " was stopped: the request was cancelled");
                }
                if (System.nanoTime() > deadline) {
                    process.destroyForcibly();
                    process.waitFor();
                    String tail = tail(err, errFile);
                    throw new ActionException(tool.program() + " did not finish within "
                            + seconds(options.timeout()) + " and was stopped", null, tail.isEmpty() ? null : tail);
                }
            }
            feeding.cancel(true);
            Bounded stdout = await(out);
            String stderr = tail(err, errFile);
            return new Result(stdout.overflow() ? -1 : process.exitValue(), stdout.bytes(), stdout.overflow(), stderr);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new ActionException(tool.program() + " was interrupted");
        } catch (ExecutionException e) {
            process.destroyForcibly();
            throw new ActionException("cannot read the output of " + tool.program() + ": " + e.getCause());
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
            closeQuietly(process.getInputStream());
            closeQuietly(process.getErrorStream());
        }
    }

    private static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    private static CompletableFuture<Void> feed(Process process, byte[] stdin) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (stdin == null) {
            closeQuietly(process.getOutputStream());
            done.complete(null);
            return done;
        }
        Thread.ofVirtual().start(() -> {
            try (OutputStream in = process.getOutputStream()) {
                in.write(stdin);
            } catch (IOException e) {
                // the program exited without reading all of it; its exit status tells what happened
            }
            done.complete(null);
        });
        return done;
    }

    /** bytes read from a stream, and whether more came than were kept. */
    private record Bounded(byte[] bytes, boolean overflow) {
    }

    /**
     * reads a stream to its end in a virtual thread. {@code head} keeps the first {@code limit}
     * bytes and stops at the first byte past them; otherwise the last {@code limit} bytes are kept.
     */
    private static CompletableFuture<Bounded> drain(InputStream stream, int limit, boolean head) {
        CompletableFuture<Bounded> result = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            ByteArrayOutputStream kept = new ByteArrayOutputStream(Math.min(limit, 1 << 16));
            byte[] buffer = new byte[1 << 16];
            boolean overflow = false;
            try {
                int n;
                while ((n = stream.read(buffer)) >= 0) {
                    if (head) {
                        int room = limit - kept.size();
                        if (n > room) {
                            kept.write(buffer, 0, room);
                            overflow = true;
                            break;
                        }
                        kept.write(buffer, 0, n);
                    } else {
                        kept.write(buffer, 0, n);
                        if (kept.size() > 2 * limit) {
                            byte[] all = kept.toByteArray();
                            kept.reset();
                            kept.write(all, all.length - limit, limit);
                        }
                    }
                }
            } catch (IOException e) {
                // the stream closed under us (the process was stopped): keep what was read
            }
            byte[] bytes = kept.toByteArray();
            if (!head && bytes.length > limit) {
                byte[] tail = new byte[limit];
                System.arraycopy(bytes, bytes.length - limit, tail, 0, limit);
                bytes = tail;
            }
            result.complete(new Bounded(bytes, overflow));
        });
        return result;
    }

    private static Bounded await(CompletableFuture<Bounded> future) throws InterruptedException, ExecutionException {
        try {
            // a grandchild that kept the pipe open must not hang the action once the program exited
            return future.get(2, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            return new Bounded(new byte[0], false);
        }
    }

    private static String tail(CompletableFuture<Bounded> err, Path errFile) throws InterruptedException,
            ExecutionException {
        byte[] bytes;
        if (errFile != null) {
            try {
                bytes = Files.readAllBytes(errFile);
            } catch (IOException e) {
                bytes = new byte[0];
            }
            if (bytes.length > STDERR_TAIL) {
                byte[] tail = new byte[STDERR_TAIL];
                System.arraycopy(bytes, bytes.length - STDERR_TAIL, tail, 0, STDERR_TAIL);
                bytes = tail;
            }
        } else {
            bytes = await(err).bytes();
        }
        return new String(bytes, StandardCharsets.UTF_8).strip();
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException e) {
            // nothing to do: the process is gone
        }
    }
}
