package dev.llmos.actions.packages;

import dev.llmos.action.ActionContext;
import dev.llmos.action.ActionException;
import dev.llmos.action.Programs;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * runs an {@code apt-get} that changes the system, turning its machine-readable status into
 * progress and honouring a client's cancel.
 *
 * <p>apt writes {@code dlstatus:} (download) and {@code pmstatus:} (dpkg) lines, each with an
 * overall percentage, to the descriptor named by {@code APT::Status-Fd}. a java child has only
 * stdin, stdout and stderr, so the runs use {@code APT::Status-Fd=2}: stderr then carries the
 * status lines and apt's own {@code E:}/{@code W:} lines, which are whole lines and easy to tell
 * apart, while stdout (where dpkg prints partial lines such as "reading database ... 45%") is only
 * kept as a tail for errors.
 *
 * <p>cancel: while apt is still downloading it gets sigint, quits, releases its locks and leaves
 * dpkg's database as it was (partial downloads stay in apt's cache and are resumed next time).
 * once dpkg has started, a cancel is not passed on: interrupting dpkg can leave packages
 * half-configured, so the run finishes and the result says the cancel came too late. only apt-get
 * itself is signalled, never dpkg or the maintainer scripts below it.
 */
final class StatusRun {
    /** how often the run checks for a cancel while apt is quiet. */
    private static final long POLL_MS = 200;
    /** how long apt gets to quit after sigint before it is sent sigterm (download phase only). */
    private static final long INTERRUPT_GRACE_MS = 30_000;
    /** how long to wait for status lines after apt exited, when something it started keeps stderr open. */
    private static final long DRAIN_MS = 2_000;
    private static final int TAIL_LINES = 60;
    private static final String EOF = new String("eof");

    /** where a run was when it ended or was cancelled. */
    enum Phase {
        /** apt was reading its cache and planning: nothing changed yet. */
        PLANNING,
        /** apt was downloading: nothing installed or removed yet. */
        DOWNLOADING,
        /** dpkg was unpacking, configuring or removing packages. */
        CHANGING
    }

    /**
     * how a run ended.
     *
     * @param output the exit status, the tail of stdout, and stderr without the status lines
     * @param phase the last phase seen
     * @param cancelRequested whether the client cancelled
     * @param interrupted whether apt was sent sigint because of it
     * @param dpkgErrors what apt reported as {@code pmerror:} (package and message)
     */
    record Result(Apt.Output output, Phase phase, boolean cancelRequested, boolean interrupted,
            List<String> dpkgErrors) {
    }

    private StatusRun() {
    }

    /**
     * runs {@code argv} (an apt-get command with {@code -o APT::Status-Fd=2}) to its end, reporting
     * through {@code progress}.
     */
    static Result run(List<String> argv, ActionContext context, Progress progress) throws ActionException {
        Process process;
        try {
            process = Apt.builder(argv).start();
        } catch (IOException e) {
            throw new ActionException("could not run " + argv.getFirst() + ": " + e.getMessage());
        }
        BlockingQueue<String> status = new LinkedBlockingQueue<>();
        Thread.startVirtualThread(() -> {
            try {
                lines(process.getErrorStream(), status::add);
            } finally {
                status.add(EOF);
            }
        });
        Deque<String> stdout = new ArrayDeque<>();
        Thread outReader = Thread.startVirtualThread(() -> lines(process.getInputStream(), line -> {
            synchronized (stdout) {
                keep(stdout, line);
            }
        }));
        Deque<String> stderr = new ArrayDeque<>();
        List<String> dpkgErrors = new ArrayList<>();
        Phase phase = Phase.PLANNING;
        boolean cancelRequested = false;
        long interruptedAt = -1;
        boolean terminated = false;
        long exitedAt = -1;
        try {
            while (true) {
                String line = status.poll(POLL_MS, TimeUnit.MILLISECONDS);
                if (line == EOF) {
                    break;
                }
                if (line != null) {
                    phase = handle(line, phase, progress, stderr, dpkgErrors);
                }
                if (!cancelRequested && context.cancelled()) {
                    cancelRequested = true;
                    if (phase == Phase.CHANGING) {
                        progress.note("cancel requested, but dpkg is already changing the system: letting it finish");
                    } else {
                        progress.note("cancelling: stopping apt before dpkg changes anything");
                        interrupt(process);
                        interruptedAt = System.nanoTime();
                    }
                }
                if (interruptedAt >= 0 && !terminated && phase != Phase.CHANGING && process.isAlive()
                        && elapsedMs(interruptedAt) > INTERRUPT_GRACE_MS) {
                    process.destroy();
                    terminated = true;
                }
                if (!process.isAlive()) {
                    if (exitedAt < 0) {
                        exitedAt = System.nanoTime();
                    } else if (elapsedMs(exitedAt) > DRAIN_MS && status.isEmpty()) {
                        // a daemon started by a maintainer script may keep stderr open: apt is done
                        break;
                    }
                }
            }
            int exit = process.waitFor();
            outReader.join(DRAIN_MS);
            String out;
            synchronized (stdout) {
                out = String.join("\n", stdout);
            }
            return new Result(new Apt.Output(exit, out, String.join("\n", stderr)), phase, cancelRequested,
                    interruptedAt >= 0, dpkgErrors);
        } catch (InterruptedException e) {
            // the daemon is shutting this run down: stop apt the safe way, never kill dpkg
            interrupt(process);
            Thread.currentThread().interrupt();
            throw new ActionException("interrupted while apt-get was running (in the " + phase.name()
                    .toLowerCase(Locale.ROOT) + " phase); apt-get was asked to stop");
        }
    }

    private static Phase handle(String line, Phase phase, Progress progress, Deque<String> stderr,
            List<String> dpkgErrors) {
        String[] fields = line.split(":", 4);
        if (fields.length == 4) {
            switch (fields[0]) {
                case "dlstatus" -> {
                    progress.download(percent(fields[2]), fields[3]);
                    return phase == Phase.CHANGING ? phase : Phase.DOWNLOADING;
                }
                case "pmstatus" -> {
                    progress.change(percent(fields[2]), fields[3]);
                    return Phase.CHANGING;
                }
                case "pmerror" -> {
                    dpkgErrors.add(fields[1] + ": " + fields[3]);
                    return Phase.CHANGING;
                }
                case "pmconffile", "media-change" -> {
                    return phase;
                }
                default -> {
                }
            }
        }
        keep(stderr, line);
        return phase;
    }

    private static double percent(String text) {
        try {
            return Math.clamp(Double.parseDouble(text), 0.0, 100.0);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** sends sigint to apt-get alone (not to dpkg or anything below it), or sigterm when kill is missing. */
    private static void interrupt(Process process) {
        Optional<String> kill = Programs.resolve("kill").map(Object::toString);
        if (kill.isPresent()) {
            try {
                Process signal = new ProcessBuilder(kill.get(), "-s", "INT", "--", Long.toString(process.pid()))
                        .redirectErrorStream(true).start();
                signal.getInputStream().readAllBytes();
                if (signal.waitFor(5, TimeUnit.SECONDS) && signal.exitValue() == 0) {
                    return;
                }
            } catch (IOException e) {
                // fall through to sigterm
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        process.destroy();
    }

    private static long elapsedMs(long since) {
        return (System.nanoTime() - since) / 1_000_000;
    }

    private static void keep(Deque<String> tail, String line) {
        tail.addLast(line.length() > 500 ? line.substring(0, 500) : line);
        while (tail.size() > TAIL_LINES) {
            tail.removeFirst();
        }
    }

    private interface LineSink {
        void accept(String line);
    }

    private static void lines(InputStream in, LineSink sink) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null;) {
                sink.accept(line);
            }
        } catch (IOException e) {
            // the pipe closed: the program is gone
        }
    }

    /**
     * maps apt's percentages onto one rising fraction: with a download, the download fills the
     * first {@code downloadShare} of the bar and dpkg the rest; without one (a removal, packages
     * already in the cache), dpkg fills all of it. the fraction never goes back.
     */
    static final class Progress {
        private final ActionContext context;
        private double share;
        private boolean started;
        private double reported;
        private String lastMessage;

        /** @param downloadShare the part of the bar the download takes when there is one */
        Progress(ActionContext context, double downloadShare) {
            this.context = context;
            this.share = downloadShare;
        }

        void download(double percent, String message) {
            started = true;
            report(share * percent / 100, message);
        }

        void change(double percent, String message) {
            if (!started) {
                started = true;
                share = 0;
            }
            report(share + (1 - share) * percent / 100, message);
        }

        /** the end of a successful run: the bar is full. */
        void done(String message) {
            report(1.0, message);
        }

        /** a message at the current fraction. */
        void note(String message) {
            lastMessage = message;
            context.progress(message, reported);
        }

        private void report(double fraction, String message) {
            double next = Math.clamp(Math.max(fraction, reported), 0.0, 1.0);
            if (message.equals(lastMessage) && next - reported < 0.01) {
                return;
            }
            reported = next;
            lastMessage = message;
            context.progress(message, next);
        }
    }
}
