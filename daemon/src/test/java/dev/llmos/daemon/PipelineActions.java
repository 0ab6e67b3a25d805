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
 * a broken one, one under a lease, a read that writes its output to a new file.
 */
public final class PipelineActions {
    private PipelineActions() {
    }

    /** params of the test actions: one path. */
    public record PathOnly(@NotNull @PathParam @Size(max = 4096) @JsonPropertyDescription("a path") String path) {
    }

    /** params of {@code test.snap}: the new file it writes. */
    public record OutputOnly(@NotNull @PathParam(PathParam.Role.OUTPUT) @Size(max = 4096)
            @JsonPropertyDescription("a new file") String path) {
    }

    /** what the test actions return. */
    public record Done(String path, boolean existed) {
    }

    /** what every test action declares the same way: its name, risk and one-path params. */
    abstract static class Base<P extends Record> implements Action<P> {
        private final String name;
        private final Risk risk;
        private final Class<P> params;

        Base(String name, Risk risk, Class<P> params) {
            this.name = name;
            this.risk = risk;
            this.params = params;
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
        public final Class<P> paramsType() {
            return params;
        }
    }

    /** {@code test.peek}: whether the path exists. */
    public static final class Peek extends Base<PathOnly> {
        public Peek() {
            super("test.peek", Risk.READ, PathOnly.class);
        }

        @Override
        public Done execute(PathOnly params, ActionContext context) throws ActionException {
            ResolvedPath path = context.requirePath("path");
            return new Done(path.path(), path.exists());
        }
    }

    /** {@code test.touch}: creates the file, through the directory that was decided on. */
    public static final class Touch extends Base<PathOnly> {
        public Touch() {
            super("test.touch", Risk.WRITE, PathOnly.class);
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
            return create(path, 0644);
        }
    }

    /** {@code test.wait}: waits until its client cancels, then returns what it has. */
    public static final class Wait extends Base<PathOnly> {
        public Wait() {
            super("test.wait", Risk.READ, PathOnly.class);
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
    public static final class Broken extends Base<PathOnly> {
        public Broken() {
            super("test.broken", Risk.READ, PathOnly.class);
        }

        @Override
        public Done execute(PathOnly params, ActionContext context) {
            throw new IllegalStateException("a bug");
        }
    }

    /** {@code test.nudge}: a read that runs under a lease of kind {@code input}. */
    public static final class Nudge extends Base<PathOnly> {
        public Nudge() {
            super("test.nudge", Risk.READ, PathOnly.class);
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

    /** {@code test.snap}: a read that writes what it read to a new file, as a screenshot saved to a path does. */
    public static final class Snap extends Base<OutputOnly> {
        public Snap() {
            super("test.snap", Risk.READ, OutputOnly.class);
        }

        @Override
        public Done execute(OutputOnly params, ActionContext context) throws ActionException {
            return create(context.requirePath("path"), 0600);
        }
    }

    /** creates the new file {@code path} names with {@code mode}, through the directory that was decided on. */
    private static Done create(ResolvedPath path, int mode) throws ActionException {
        try {
            path.parent().createAt(path.name(), mode).close();
        } catch (PosixException e) {
            throw new ActionException(e.reason() + ": " + path.path());
        }
        return new Done(path.path(), false);
    }
}
