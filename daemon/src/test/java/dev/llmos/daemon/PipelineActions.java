package dev.llmos.daemon;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.llmos.action.Action;
import dev.llmos.action.ActionContext;
import dev.llmos.action.ActionException;
import dev.llmos.action.PathParam;
import dev.llmos.action.Risk;
import dev.llmos.posix.PosixException;
import dev.llmos.posix.ResolvedPath;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Optional;

/**
 * a small action family for the pipeline's tests: a read, a write through descriptors, a long one,
 * a broken one, one under a lease.
 */
public final class PipelineActions {
    private PipelineActions() {
    }

    /** params of the test actions: one path. */
    public record PathOnly(@NotNull @PathParam @Size(max = 4096) @JsonPropertyDescription("a path") String path) {
    }

    /** what the test actions return. */
    public record Done(String path, boolean existed) {
    }

    /** what every test action declares the same way: its name, risk and one-path params. */
    abstract static class Base implements Action<PathOnly> {
        private final String name;
        private final Risk risk;

        Base(String name, Risk risk) {
            this.name = name;
            this.risk = risk;
        }

        @Override
        public final String name() {
            return name;
        }

        @Override
        public final String description() {
            return "the pipeline test's " + name;
        }

        @Override
        public final List<String> examples() {
            return List.of("run " + name);
        }

        @Override
        public final Risk risk() {
            return risk;
        }

        @Override
        public final Class<PathOnly> paramsType() {
            return PathOnly.class;
        }
    }

    /** {@code test.peek}: whether the path exists. */
    public static final class Peek extends Base {
        public Peek() {
            super("test.peek", Risk.READ);
        }

        @Override
        public Done execute(PathOnly params, ActionContext context) throws ActionException {
            ResolvedPath path = context.requirePath("path");
            return new Done(path.path(), path.exists());
        }
    }

    /** {@code test.touch}: creates the file, through the directory that was decided on. */
    public static final class Touch extends Base {
        public Touch() {
            super("test.touch", Risk.WRITE);
        }

        @Override
        public Optional<Done> preview(PathOnly params, ActionContext context) throws ActionException {
            return Optional.of(new Done(context.requirePath("path").path(), context.requirePath("path").exists()));
        }

        @Override
        public Done execute(PathOnly params, ActionContext context) throws ActionException {
            ResolvedPath path = context.requirePath("path");
            if (path.exists()) {
                return new Done(path.path(), true);
            }
            try {
                path.parent().createAt(path.name(), 0644).close();
            } catch (PosixException e) {
                throw new ActionException(e.reason() + ": " + path.path());
            }
            return new Done(path.path(), false);
        }
    }

    /** {@code test.wait}: waits until its client cancels, then returns what it has. */
    public static final class Wait extends Base {
        public Wait() {
            super("test.wait", Risk.READ);
        }

        @Override
        public Done execute(PathOnly params, ActionContext context) {
            while (!context.cancelled()) {
                Thread.onSpinWait();
            }
            return new Done(params.path(), false);
        }
    }

    /** {@code test.broken}: an action with a bug. */
    public static final class Broken extends Base {
        public Broken() {
            super("test.broken", Risk.READ);
        }

        @Override
        public Done execute(PathOnly params, ActionContext context) {
            throw new IllegalStateException("a bug");
        }
    }

    /** {@code test.nudge}: a read that runs under a lease of kind {@code input}. */
    public static final class Nudge extends Base {
        public Nudge() {
            super("test.nudge", Risk.READ);
        }

        @Override
        public Optional<String> lease() {
            return Optional.of("input");
        }

        @Override
        public Done execute(PathOnly params, ActionContext context) {
            return new Done(params.path(), false);
        }
    }
}
