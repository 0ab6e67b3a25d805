package dev.llmos.actions.proc;

import dev.llmos.action.ActionContext;
import dev.llmos.action.ActionException;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * watches one run: feeds its stdin, drains stdout and stderr, and every 100 ms checks for a cancel,
 * the timeout and a hit memory or tasks limit, any of which kills the whole tree. reports the
 * elapsed time about once a second.
 */
final class Supervisor {
    static final long POLL_MILLIS = 100;
    static final long PROGRESS_NANOS = 1_000_000_000L;
    /** how long the output readers may take after the run ended (descendants are dead by then). */
    static final long DRAIN_MILLIS = 2_000;

    /**
     * what happened.
     *
     * @param killedReason why the run was ended early, or null
     */
    record Outcome(Sandbox.Ending ending, Sandbox.KilledReason killedReason, OutputCapture stdout,
            OutputCapture stderr, long durationMs) {
    }

    private Supervisor() {
    }

    static Outcome supervise(Sandbox.Launched run, byte[] stdin, Duration timeout, int maxOutputBytes,
            ActionContext context, String label) throws ActionException {
        long start = System.nanoTime();
        Process process = run.process();
        OutputCapture stdout = OutputCapture.start(process.getInputStream(), maxOutputBytes, "proc.run stdout");
        OutputCapture stderr = OutputCapture.start(process.getErrorStream(), maxOutputBytes, "proc.run stderr");
        Thread feeder = Thread.ofVirtual().name("proc.run stdin").start(() -> feed(process.getOutputStream(), stdin));
        Sandbox.KilledReason reason = null;
        long deadline = start + timeout.toNanos();
        long nextProgress = start + PROGRESS_NANOS;
        try {
            while (!process.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                long now = System.nanoTime();
                if (context.cancelled()) {
                    reason = Sandbox.KilledReason.CANCELLED;
                } else if (now - deadline >= 0) {
                    reason = Sandbox.KilledReason.TIMEOUT;
                } else {
                    reason = run.limitHit();
                }
                if (reason != null) {
                    run.kill();
                    break;
                }
                if (now - nextProgress >= 0) {
                    long seconds = TimeUnit.NANOSECONDS.toSeconds(now - start);
                    context.progress(label + ": running for " + seconds + " s of at most " + timeout.toSeconds() + " s",
                            null);
                    nextProgress += PROGRESS_NANOS;
                }
            }
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                run.kill();
                process.waitFor();
            }
        } catch (InterruptedException e) {
            run.kill();
            Thread.currentThread().interrupt();
            throw new ActionException(label + ": interrupted; the run was killed");
        }
        if (reason == null && run.limitHit() == Sandbox.KilledReason.MEMORY) {
            // the oom killer ended the program before a poll saw it
            reason = Sandbox.KilledReason.MEMORY;
        }
        stdout.finish(DRAIN_MILLIS);
        stderr.finish(DRAIN_MILLIS);
        feeder.interrupt();
        long durationMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        int status = process.exitValue();
        Sandbox.Ending ending;
        if (reason == null) {
            ending = run.end(status, stderr);
            reason = ending.killedReason();
        } else {
            try {
                ending = run.end(status, stderr);
            } catch (ActionException e) {
                // killed before the program was started: still a run that was ended, not a failure to start
                ending = new Sandbox.Ending(status, Signals.fromStatus(status), null);
            }
        }
        return new Outcome(ending, reason, stdout, stderr, durationMs);
    }

    private static void feed(OutputStream in, byte[] stdin) {
        try (in) {
            if (stdin != null && stdin.length > 0) {
                in.write(stdin);
            }
        } catch (IOException e) {
            // the program exited or closed its input without reading it all: that is its business
        }
    }
}
