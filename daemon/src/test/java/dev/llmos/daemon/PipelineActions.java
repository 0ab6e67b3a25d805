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

/** a small action family for the pipeline's tests: a read, a write through descriptors, a long one, a broken one. */
public final class PipelineActions {
    private PipelineActions() {
    }

    /** params of the test actions: one path. */
    public record PathOnly(@NotNull @PathParam @Size(max = 4096) @JsonPropertyDescription("a path") String path) {
    }

    /** what the test actions return. */
    public record Done(String path, boolean existed) {
    }

    /** {@code test.peek}: whether the path exists. */
    public static final class Peek implements Action<PathOnly> {
        @Override
        public String name() {
            return "test.peek";
        }

        @Override
        public String description() {
            return "say whether a path exists";
        }

        @Override
        public List<String> examples() {
            return List.of("does it exist");
        }

        @Override
        public Risk risk() {
            return Risk.READ;
        }

        @Override
        public Class<PathOnly> paramsType() {
            return PathOnly.class;
        }

        @Override
        public Done execute(PathOnly params, ActionContext context) throws ActionException {
            ResolvedPath path = context.requirePath("path");
            return new Done(path.path(), path.exists());
        }
    }

    /** {@code test.touch}: creates the file, through the directory that was decided on. */
    public static final class Touch implements Action<PathOnly> {
        @Override
        public String name() {
            return "test.touch";
        }

        @Override
        public String description() {
            return "create an empty file";
        }

        @Override
        public List<String> examples() {
            return List.of("create it");
        }

        @Override
        public Risk risk() {
            return Risk.WRITE;
        }

        @Override
        public Class<PathOnly> paramsType() {
            return PathOnly.class;
        }

        @Override
        public Object preview(PathOnly params, ActionContext context) throws ActionException {
            return new Done(context.requirePath("path").path(), context.requirePath("path").exists());
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
    public static final class Wait implements Action<PathOnly> {
        @Override
        public String name() {
            return "test.wait";
        }

        @Override
        public String description() {
            return "wait for a cancel";
        }

        @Override
        public List<String> examples() {
            return List.of("wait");
        }

        @Override
        public Risk risk() {
            return Risk.READ;
        }

        @Override
        public Class<PathOnly> paramsType() {
            return PathOnly.class;
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
    public static final class Broken implements Action<PathOnly> {
        @Override
        public String name() {
            return "test.broken";
        }

        @Override
        public String description() {
            return "fail unexpectedly";
        }

        @Override
        public List<String> examples() {
            return List.of("break");
        }

        @Override
        public Risk risk() {
            return Risk.READ;
        }

        @Override
        public Class<PathOnly> paramsType() {
            return PathOnly.class;
        }

        @Override
        public Done execute(PathOnly params, ActionContext context) {
            throw new IllegalStateException("a bug");
        }
    }
}
