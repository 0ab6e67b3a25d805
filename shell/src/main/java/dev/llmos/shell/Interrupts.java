package dev.llmos.shell;

import java.time.Duration;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * ends a loop at once: on ctrl-c (sigint) or when its time budget runs out, the request the daemon
 * is working on (an action, a model turn) is cancelled and the loop stops before anything else
 * starts. a second ctrl-c exits llmsh. the previous sigint handler (the repl's) is back on close.
 */
final class Interrupts implements AutoCloseable {
    /** exit status after ctrl-c: 128 + sigint, as shells report it. */
    static final int EXIT = 130;

    /** what ended the loop early. */
    enum Cause { NONE, CTRL_C, WALL_TIME }

    private static final Signal INT = new Signal("INT");

    private final Session session;
    private final SignalHandler previous;
    private final Thread timer;
    private volatile Cause cause = Cause.NONE;

    private Interrupts(Session session, Duration left) {
        this.session = session;
        this.previous = Signal.handle(INT, signal -> ctrlC());
        this.timer = Thread.ofVirtual().name("loop-deadline").start(() -> {
            try {
                Thread.sleep(left);
                fire(Cause.WALL_TIME);
            } catch (InterruptedException e) {
                // the loop ended first
            }
        });
    }

    static Interrupts install(Session session, Duration left) {
        return new Interrupts(session, left);
    }

    private void ctrlC() {
        if (cause == Cause.CTRL_C) {
            System.exit(EXIT);
        }
        fire(Cause.CTRL_C);
    }

    private synchronized void fire(Cause why) {
        if (cause == Cause.NONE || why == Cause.CTRL_C) {
            cause = why;
        }
        session.cancelCurrent();
    }

    Cause cause() {
        return cause;
    }

    boolean fired() {
        return cause != Cause.NONE;
    }

    @Override
    public void close() {
        timer.interrupt();
        Signal.handle(INT, previous);
    }
}
