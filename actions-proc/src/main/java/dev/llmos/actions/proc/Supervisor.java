package dev.llmos.actions.proc;

import dev.llmos.action.ActionContext;
import dev.llmos.action.ActionException;
import dev.llmos.posix.Signal;
import dev.llmos.support.process.Ending;
import dev.llmos.support.process.Output;
import dev.llmos.support.process.ProcessRunner;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * watches one run through the project's process runner: feeds its stdin, drains stdout and
 * stderr, and at every poll checks for a cancel, the timeout and a hit memory or tasks limit, any
 * of which kills the whole tree the sandbox's way ({@link Sandbox.Launched#kill}). reports the
 * elapsed time about once a second.
 */
final class Supervisor {
    static final long PROGRESS_NANOS = 1_000_000_000L;

    /**
     * what happened.
     *
     * @param killedReason why the run was ended early, or null
     */
    record Outcome(Sandbox.Ending ending, Sandbox.KilledReason killedReason, Output stdout, Output stderr,
            long durationMs) {
    }

    private Supervisor() {
    }

    static Outcome supervise(Sandbox.Launched run, byte[] stdin, Duration timeout, int maxOutputBytes,
            ActionContext context, String label) throws ActionException {
        AtomicReference<Sandbox.KilledReason> limit = new AtomicReference<>();
        long[] nextProgress = {PROGRESS_NANOS};
        ProcessRunner.Result result;
        try {
            result = ProcessRunner.of(run.argv()).environment(run.environment()).stdin(stdin)
                    .maxStdout(maxOutputBytes).maxStderr(maxOutputBytes).timeout(timeout)
                    .cancelledBy(context::cancelled).stopWith(run::kill).watch((process, elapsed) -> {
                        if (elapsed.toNanos() - nextProgress[0] >= 0) {
                            context.progress(label + ": running for " + elapsed.toSeconds() + " s of at most "
                                    + timeout.toSeconds() + " s", null);
                            nextProgress[0] += PROGRESS_NANOS;
                        }
                        limit.set(run.limitHit());
                        return limit.get() != null;
                    }).run();
        } catch (IOException e) {
            throw new ActionException("could not start the sandbox (" + run.argv().getFirst() + ") for " + label
                    + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ActionException(label + ": interrupted; the run was killed");
        }
        Sandbox.KilledReason reason = switch (result.ending()) {
            case CANCELLED -> Sandbox.KilledReason.CANCELLED;
            case TIMED_OUT -> Sandbox.KilledReason.TIMEOUT;
            case STOPPED -> limit.get();
            case EXITED, OUTPUT_LIMIT -> run.limitHit() == Sandbox.KilledReason.MEMORY
                    // the oom killer ended the program before a poll saw it
                    ? Sandbox.KilledReason.MEMORY : null;
        };
        int status = result.status();
        Sandbox.Ending ending;
        if (reason == null) {
            ending = run.end(status, result.stderr());
            reason = ending.killedReason();
        } else {
            try {
                ending = run.end(status, result.stderr());
            } catch (ActionException e) {
                // killed before the program was started: still a run that was ended, not a failure to start
                ending = new Sandbox.Ending(status, Signal.fromStatus(status).orElse(null), null);
            }
        }
        return new Outcome(ending, reason, result.stdout(), result.stderr(),
                TimeUnit.NANOSECONDS.toMillis(result.elapsed().toNanos()));
    }
}
