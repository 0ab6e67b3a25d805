package dev.llmos.actions.systemd;

import dev.llmos.action.ActionContext;
import dev.llmos.action.ActionException;
import dev.llmos.action.Programs;
import dev.llmos.support.process.Output;
import dev.llmos.support.process.ProcessRunner;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * runs one of systemd's tools through the project's {@link ProcessRunner}: an argv (never a
 * shell), a fixed environment, no stdin, a time limit and the client's cancel; keeps a bounded
 * stdout and the tail of stderr. the wording of a stopped run is systemd's: the change it asked for
 * may still happen.
 */
final class Command {
    /**
     * what a finished program left.
     *
     * @param exit its exit status
     * @param out standard output (at most the bound given to {@link #run})
     * @param err the tail of standard error ({@value Output#TAIL} bytes at most)
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
    static Result run(List<String> argv, Map<String, String> env, Duration timeout, int maxOut, ActionContext context)
            throws ActionException {
        ProcessRunner.Result result;
        try {
            result = ProcessRunner.of(argv).environment(env).maxStdout(maxOut).timeout(timeout)
                    .cancelledBy(context::cancelled).run();
        } catch (IOException e) {
            throw new ActionException("cannot run " + argv.getFirst() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ActionException("interrupted while running " + tool(argv));
        }
        return switch (result.ending()) {
            case CANCELLED -> throw new ActionException("cancelled: " + tool(argv) + " was stopped; what it had asked "
                    + "systemd to do may still complete");
            case TIMED_OUT -> throw new ActionException(tool(argv) + " did not finish within " + seconds(timeout)
                    + " s; systemd may still be working on it");
            default -> new Result(result.status(), result.stdout().text(), result.stderr().tail(),
                    result.stdout().truncated());
        };
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? Long.toString(duration.toSeconds())
                : Double.toString(duration.toMillis() / 1000.0);
    }

    private static String tool(List<String> argv) {
        String first = argv.getFirst();
        return first.substring(first.lastIndexOf('/') + 1);
    }
}
