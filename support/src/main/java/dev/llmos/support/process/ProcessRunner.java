package dev.llmos.support.process;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * the one way the project runs a program and waits for it: an argv (never a shell), exactly the
 * environment given (nothing inherited), a working directory ({@code /} unless said), stdin from
 * bytes or {@code /dev/null}, stdout and stderr drained on their own threads into bounded
 * {@link Output}s (a head up to a limit, always the last {@value Output#TAIL} bytes), a time
 * limit, a client's cancel, and on either the whole process tree killed. the status is the
 * program's exit status ({@code 128 + n} when signal n ended it).
 *
 * <p>the runner words nothing: a family turns the {@link Result} into its own messages. it waits
 * at most {@link #DRAIN} for output after the program exited, so a descendant that kept a pipe
 * open cannot hang a run.
 */
public final class ProcessRunner {
    /** how often a run checks for a cancel, its time limit and its watcher; an exit is seen at once. */
    public static final Duration POLL = Duration.ofMillis(50);
    /** how long output is still read after the program exited. */
    public static final Duration DRAIN = Duration.ofSeconds(2);
    /** how long a stopped program gets to exit before it is killed outright. */
    public static final Duration STOP_WAIT = Duration.ofSeconds(10);
    /** stdout kept unless said otherwise. */
    public static final int DEFAULT_MAX_STDOUT = 1 << 20;

    /**
     * what a run came to.
     *
     * @param ending why it ended
     * @param status the exit status of the program ({@code 128 + n} when signal n ended it)
     * @param stdout what it wrote to stdout
     * @param stderr what it wrote to stderr (the head only when {@link #maxStderr} was given)
     * @param elapsed from start to end
     */
    public record Result(Ending ending, int status, Output stdout, Output stderr, Duration elapsed) {
        /** ended on its own with status 0. */
        public boolean ok() {
            return ending == Ending.EXITED && status == 0;
        }
    }

    /** looks at a run while it goes, once every {@link #POLL}. */
    @FunctionalInterface
    public interface Watch {
        /**
         * true to stop the run now (it then ends {@link Ending#STOPPED}).
         *
         * @param process the running program
         * @param elapsed how long it has run
         */
        boolean stop(Process process, Duration elapsed);
    }

    private final List<String> argv;
    private Map<String, String> environment = Map.of();
    private Path directory = Path.of("/");
    private byte[] stdin;
    private int maxStdout = DEFAULT_MAX_STDOUT;
    private int maxStderr;
    private Consumer<String> stderrLines;
    private Duration timeout;
    private BooleanSupplier cancelled = () -> false;
    private boolean stopWhenFull;
    private boolean detached;
    private Consumer<Process> stopper = ProcessTree::kill;
    private Watch watch;

    private ProcessRunner(List<String> argv) {
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("an empty argv");
        }
        this.argv = List.copyOf(argv);
    }

    /** a run of {@code argv}; {@code argv[0]} is the program's path. */
    public static ProcessRunner of(List<String> argv) {
        return new ProcessRunner(argv);
    }

    /** the whole environment of the program (none by default). */
    public ProcessRunner environment(Map<String, String> variables) {
        this.environment = Map.copyOf(variables);
        return this;
    }

    /** the working directory ({@code /} by default). */
    public ProcessRunner directory(Path path) {
        this.directory = Objects.requireNonNull(path);
        return this;
    }

    /** bytes written to the program's stdin, which is then closed ({@code /dev/null} by default). */
    public ProcessRunner stdin(byte[] bytes) {
        this.stdin = bytes == null ? null : bytes.clone();
        return this;
    }

    /** how much of stdout is kept ({@value #DEFAULT_MAX_STDOUT} bytes by default); the rest is counted. */
    public ProcessRunner maxStdout(int bytes) {
        this.maxStdout = bytes;
        return this;
    }

    /** how much of the start of stderr is kept besides its tail (none by default). */
    public ProcessRunner maxStderr(int bytes) {
        this.maxStderr = bytes;
        return this;
    }

    /** hands each line of stderr, as it comes, to {@code listener} (on the reader's thread). */
    public ProcessRunner stderrLines(Consumer<String> listener) {
        this.stderrLines = listener;
        return this;
    }

    /** the time limit; without one a run may take as long as it takes. */
    public ProcessRunner timeout(Duration limit) {
        this.timeout = limit;
        return this;
    }

    /** polled while the program runs; true stops it ({@link Ending#CANCELLED}). */
    public ProcessRunner cancelledBy(BooleanSupplier supplier) {
        this.cancelled = Objects.requireNonNull(supplier);
        return this;
    }

    /** stops the program as soon as stdout goes past its limit ({@link Ending#OUTPUT_LIMIT}). */
    public ProcessRunner stopWhenFull() {
        this.stopWhenFull = true;
        return this;
    }

    /**
     * for a program that leaves a child running on purpose (xclip serving a selection): its output
     * goes to files rather than pipes the child would hold open, and only the program itself is
     * waited for.
     */
    public ProcessRunner detached() {
        this.detached = true;
        return this;
    }

    /**
     * how the program is stopped on a time limit, a cancel, a full stdout, its watcher or an
     * interrupt: killing the whole tree by default; a confinement that owns a cgroup kills that,
     * and apt is asked to quit with sigint. a program still alive {@link #STOP_WAIT} later is killed.
     */
    public ProcessRunner stopWith(Consumer<Process> how) {
        this.stopper = Objects.requireNonNull(how);
        return this;
    }

    /** looks at the run every {@link #POLL} (progress, limits the family knows about). */
    public ProcessRunner watch(Watch watcher) {
        this.watch = watcher;
        return this;
    }

    /**
     * starts the program and waits for its end.
     *
     * @throws IOException when the program cannot be started (its message says why)
     * @throws InterruptedException when this thread is interrupted; the program was stopped first
     */
    public Result run() throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(argv).directory(directory.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        if (stdin == null) {
            builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        }
        if (!detached) {
            return supervise(builder.start(), null, null);
        }
        Path out = Files.createTempFile("llmos-run-", ".out");
        Path err = Files.createTempFile("llmos-run-", ".err");
        try {
            builder.redirectOutput(out.toFile()).redirectError(err.toFile());
            return supervise(builder.start(), out, err);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private Result supervise(Process process, Path outFile, Path errFile) throws IOException, InterruptedException {
        long start = System.nanoTime();
        String name = Path.of(argv.getFirst()).getFileName().toString();
        Capture out = outFile == null ? Capture.start(process.getInputStream(), maxStdout, null, name + " stdout") : null;
        Capture err = errFile == null ? Capture.start(process.getErrorStream(), maxStderr, stderrLines, name + " stderr")
                : null;
        Thread feeder = feed(process, name);
        Ending ending = Ending.EXITED;
        try {
            ending = await(process, out, start);
            if (ending != Ending.EXITED) {
                stopper.accept(process);
                if (!process.waitFor(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    ProcessTree.kill(process);
                    process.waitFor();
                }
            }
        } catch (InterruptedException e) {
            stopper.accept(process);
            throw e;
        } finally {
            if (feeder != null) {
                feeder.interrupt();
            }
        }
        Output stdout = out != null ? out.finish(DRAIN) : read(outFile, maxStdout);
        Output stderr = err != null ? err.finish(DRAIN) : read(errFile, maxStderr);
        return new Result(ending, process.exitValue(), stdout, stderr, Duration.ofNanos(System.nanoTime() - start));
    }

    private Ending await(Process process, Capture out, long start) throws InterruptedException {
        long deadline = timeout == null ? Long.MAX_VALUE : start + timeout.toNanos();
        while (!process.waitFor(POLL.toMillis(), TimeUnit.MILLISECONDS)) {
            long now = System.nanoTime();
            if (cancelled.getAsBoolean()) {
                return Ending.CANCELLED;
            }
            if (timeout != null && now - deadline >= 0) {
                return Ending.TIMED_OUT;
            }
            if (stopWhenFull && out != null && out.full()) {
                return Ending.OUTPUT_LIMIT;
            }
            if (watch != null && watch.stop(process, Duration.ofNanos(now - start))) {
                return Ending.STOPPED;
            }
        }
        return Ending.EXITED;
    }

    /** writes stdin on its own thread (a program may not read before it writes); null when there is none. */
    private Thread feed(Process process, String name) {
        if (stdin == null) {
            return null;
        }
        byte[] bytes = stdin;
        return Thread.ofVirtual().name(name + " stdin").start(() -> {
            try (OutputStream in = process.getOutputStream()) {
                in.write(bytes);
            } catch (IOException e) {
                // the program exited or closed its input without reading it all: its status tells
            }
        });
    }

    private static Output read(Path file, int limit) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return Capture.readAll(in, limit);
        }
    }
}
