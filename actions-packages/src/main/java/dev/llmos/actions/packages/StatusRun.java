package dev.llmos.actions.packages;

import dev.llmos.action.ActionContext;
import dev.llmos.action.ActionException;
import dev.llmos.posix.Posix;
import dev.llmos.posix.PosixException;
import dev.llmos.posix.Signal;
import dev.llmos.support.process.ProcessRunner;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * runs an {@code apt-get} that changes the system, turning its machine-readable status into
 * progress and honouring a client's cancel.
 *
 * <p>apt writes {@code dlstatus:} (download) and {@code pmstatus:} (dpkg) lines, each with an
 * overall percentage, to the descriptor named by {@code APT::Status-Fd}. a java child has only
 * stdin, stdout and stderr, so the runs use {@code APT::Status-Fd=2}: stderr then carries the
 * status lines and apt's own {@code E:}/{@code W:} lines, which are whole lines and easy to tell
 * apart, while stdout (where dpkg prints partial lines such as "reading database ... 45%") is kept
 * for what apt-get update reports and for errors.
 *
 * <p>cancel: while apt is still downloading it gets sigint, quits, releases its locks and leaves
 * dpkg's database as it was (partial downloads stay in apt's cache and are resumed next time).
 * once dpkg has started, a cancel is not passed on: interrupting dpkg can leave packages
 * half-configured, so the run finishes and the result says the cancel came too late. only apt-get
 * itself is signalled, never dpkg or the maintainer scripts below it.
 */
final class StatusRun {
    /** how long apt gets to quit after sigint before it is sent sigterm (download phase only). */
    private static final long INTERRUPT_GRACE_NANOS = 30_000_000_000L;
    /** how many lines of apt's own stderr (besides the status lines) a result keeps, each cut to 500 characters. */
    private static final int TAIL_LINES = 60;

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
     * @param output the exit status, stdout, and stderr without the status lines
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
     * runs {@code argv} (an apt-get command with {@code -o APT::Status-Fd=2}) to its end through the
     * project's process runner, reading the status lines as they come and reporting through
     * {@code progress}.
     */
    static Result run(List<String> argv, ActionContext context, Progress progress) throws ActionException {
        Status status = new Status(progress);
        Cancel cancel = new Cancel(context, progress, status);
        ProcessRunner.Result result;
        try {
            result = ProcessRunner.of(argv).environment(Apt.environment()).maxStdout(Apt.MAX_OUTPUT)
                    .stderrLines(status::accept).watch(cancel::check)
                    // the daemon shutting this run down: stop apt the safe way, never kill dpkg
                    .stopWith(StatusRun::interrupt).run();
        } catch (IOException e) {
            throw new ActionException("could not run " + argv.getFirst() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ActionException("interrupted while apt-get was running (in the " + status.phase().name()
                    .toLowerCase(Locale.ROOT) + " phase); apt-get was asked to stop");
        }
        return new Result(new Apt.Output(result.status(), result.stdout().text(), status.stderr()), status.phase(),
                cancel.requested, cancel.interruptedAt >= 0, status.dpkgErrors());
    }

    /** what the status lines said so far; written by the reader of stderr, read by the watcher. */
    private static final class Status {
        private final Progress progress;
        private final Deque<String> stderr = new ArrayDeque<>();
        private final List<String> dpkgErrors = new ArrayList<>();
        private Phase phase = Phase.PLANNING;

        Status(Progress progress) {
            this.progress = progress;
        }

        synchronized Phase phase() {
            return phase;
        }

        synchronized String stderr() {
            return String.join("\n", stderr);
        }

        synchronized List<String> dpkgErrors() {
            return List.copyOf(dpkgErrors);
        }

        synchronized void accept(String line) {
            String[] fields = line.split(":", 4);
            if (fields.length == 4) {
                switch (fields[0]) {
                    case "dlstatus" -> {
                        progress.download(percent(fields[2]), fields[3]);
                        phase = phase == Phase.CHANGING ? phase : Phase.DOWNLOADING;
                        return;
                    }
                    case "pmstatus" -> {
                        progress.change(percent(fields[2]), fields[3]);
                        phase = Phase.CHANGING;
                        return;
                    }
                    case "pmerror" -> {
                        dpkgErrors.add(fields[1] + ": " + fields[3]);
                        phase = Phase.CHANGING;
                        return;
                    }
                    case "pmconffile", "media-change" -> {
                        return;
                    }
                    default -> {
                    }
                }
            }
            stderr.addLast(line.length() > 500 ? line.substring(0, 500) : line);
            while (stderr.size() > TAIL_LINES) {
                stderr.removeFirst();
            }
        }
    }

    /** a client's cancel: sigint while apt is still planning or downloading, nothing once dpkg runs. */
    private static final class Cancel {
        private final ActionContext context;
        private final Progress progress;
        private final Status status;
        private boolean requested;
        private long interruptedAt = -1;
        private boolean terminated;

        Cancel(ActionContext context, Progress progress, Status status) {
            this.context = context;
            this.progress = progress;
            this.status = status;
        }

        /** called at every poll of the run; never stops it outright. */
        boolean check(Process process, Duration elapsed) {
            if (!requested && context.cancelled()) {
                requested = true;
                if (status.phase() == Phase.CHANGING) {
                    progress.note("cancel requested, but dpkg is already changing the system: letting it finish");
                } else {
                    progress.note("cancelling: stopping apt before dpkg changes anything");
                    interrupt(process);
                    interruptedAt = elapsed.toNanos();
                }
            }
            if (interruptedAt >= 0 && !terminated && status.phase() != Phase.CHANGING
                    && elapsed.toNanos() - interruptedAt > INTERRUPT_GRACE_NANOS) {
                process.destroy();
                terminated = true;
            }
            return false;
        }
    }

    private static double percent(String text) {
        try {
            return Math.clamp(Double.parseDouble(text), 0.0, 100.0);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** sends sigint to apt-get alone (not to dpkg or anything below it), or sigterm when that fails. */
    private static void interrupt(Process process) {
        try {
            Posix.kill(process.pid(), Signal.INT);
        } catch (PosixException e) {
            process.destroy();
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

        synchronized void download(double percent, String message) {
            started = true;
            report(share * percent / 100, message);
        }

        synchronized void change(double percent, String message) {
            if (!started) {
                started = true;
                share = 0;
            }
            report(share + (1 - share) * percent / 100, message);
        }

        /** the end of a successful run: the bar is full. */
        synchronized void done(String message) {
            report(1.0, message);
        }

        /** a message at the current fraction. */
        synchronized void note(String message) {
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
