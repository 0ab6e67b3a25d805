package dev.llmos.actions.systemd;

import dev.llmos.action.ActionContext;
import dev.llmos.action.ActionException;
import dev.llmos.action.Programs;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * runs one of systemd's tools with an argv (never a shell), a fixed environment, no stdin, a time
 * limit, and the client's cancel; keeps a bounded stdout and the tail of stderr.
 */
final class Command {
    /** how much of stderr is kept: its tail. */
    static final int STDERR_TAIL = 4096;

    /**
     * what a finished program left.
     *
     * @param exit its exit status
     * @param out standard output (at most the bound given to {@link #run})
     * @param err the tail of standard error
     * @param truncated true when standard output was longer than the bound
     */
    record Result(int exit, String out, String err, boolean truncated) {
        boolean ok() {
            return exit == 0;
        }

        /** the first line of stderr that says something, or the empty string. */
        String firstError() {
            for (String line : err.split("\n")) {
                if (!line.isBlank()) {
                    return line.strip();
                }
            }
            return "";
        }
    }

    private Command() {
    }

    /** the absolute path of a tool of systemd's, or a clear failure when it is not installed. */
    static String program(String name) throws ActionException {
        return Programs.resolve(name).map(Object::toString).orElseThrow(() -> new ActionException(
                name + " is not installed on this machine (it comes with systemd)"));
    }

    /** the environment every tool runs with: no pager, no colors, a fixed path and locale. */
    static Map<String, String> baseEnvironment() {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", Programs.SEARCH_PATH);
        env.put("LANG", "C.UTF-8");
        env.put("LC_ALL", "C.UTF-8");
        env.put("SYSTEMD_PAGER", "");
        env.put("SYSTEMD_COLORS", "0");
        env.put("SYSTEMD_URLIFY", "0");
        env.put("SYSTEMD_LESS", "");
        return env;
    }

    /**
     * runs {@code argv} to completion. a cancel from the client or the time limit kills it and
     * fails; the change it was asked for may still happen (systemd keeps a started job going).
     */
    static Result run(List<String> argv, Map<String, String> env, Duration timeout, long maxOut, ActionContext context)
            throws ActionException {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(argv));
        builder.environment().clear();
        builder.environment().putAll(env);
        builder.directory(new File("/"));
        builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new ActionException("cannot run " + argv.getFirst() + ": " + e.getMessage());
        }
        Bounded out = new Bounded(maxOut, false);
        Bounded err = new Bounded(STDERR_TAIL, true);
        Thread outReader = Thread.ofVirtual().start(() -> out.drain(process.getInputStream()));
        Thread errReader = Thread.ofVirtual().start(() -> err.drain(process.getErrorStream()));
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (!process.waitFor(50, TimeUnit.MILLISECONDS)) {
                if (context != null && context.cancelled()) {
                    kill(process);
                    throw new ActionException("cancelled: " + tool(argv) + " was stopped; what it had asked systemd "
                            + "to do may still complete");
                }
                if (System.nanoTime() > deadline) {
                    kill(process);
                    throw new ActionException(tool(argv) + " did not finish within " + seconds(timeout)
                            + " s; systemd may still be working on it");
                }
            }
            outReader.join();
            errReader.join();
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            throw new ActionException("interrupted while running " + tool(argv));
        }
        return new Result(process.exitValue(), out.text(), err.text(), out.overflowed);
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? Long.toString(duration.toSeconds())
                : Double.toString(duration.toMillis() / 1000.0);
    }

    private static String tool(List<String> argv) {
        String first = argv.getFirst();
        return first.substring(first.lastIndexOf('/') + 1);
    }

    private static void kill(Process process) {
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** a byte sink that keeps the first (or, as a tail, the last) {@code limit} bytes. */
    private static final class Bounded {
        private final long limit;
        private final boolean tail;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private byte[] ring;
        private long total;
        volatile boolean overflowed;

        Bounded(long limit, boolean tail) {
            this.limit = limit;
            this.tail = tail;
        }

        void drain(InputStream in) {
            byte[] buffer = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    append(buffer, n);
                }
            } catch (IOException e) {
                // the process went away; what was read is what there is
            }
        }

        private synchronized void append(byte[] buffer, int n) {
            total += n;
            if (tail) {
                byte[] joined = new byte[(ring == null ? 0 : ring.length) + n];
                if (ring != null) {
                    System.arraycopy(ring, 0, joined, 0, ring.length);
                }
                System.arraycopy(buffer, 0, joined, joined.length - n, n);
                int keep = (int) Math.min(limit, joined.length);
                ring = java.util.Arrays.copyOfRange(joined, joined.length - keep, joined.length);
                overflowed = total > limit;
                return;
            }
            long room = limit - kept.size();
            if (room > 0) {
                kept.write(buffer, 0, (int) Math.min(room, n));
            }
            if (n > room) {
                overflowed = true;
            }
        }

        synchronized String text() {
            byte[] bytes = tail ? (ring == null ? new byte[0] : ring) : kept.toByteArray();
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }
}
