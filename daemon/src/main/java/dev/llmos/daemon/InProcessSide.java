package dev.llmos.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.action.Action;
import dev.llmos.action.ActionContext;
import dev.llmos.action.ActionException;
import dev.llmos.action.Caller;
import dev.llmos.catalog.CatalogEntry;
import dev.llmos.catalog.ResolvedParams;
import dev.llmos.posix.Posix;
import dev.llmos.posix.ResolvedPath;
import dev.llmos.protocol.Json;
import dev.llmos.protocol.RpcException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** the caller-side work done in this process, which already has the caller's privileges. */
final class InProcessSide implements CallerSide {
    @Override
    public Resolution.Local resolve(Caller caller, CatalogEntry.Bound bound) throws RpcException {
        return new Resolution.Local(ResolvedParams.resolve(bound, caller, Posix.getuid()));
    }

    @Override
    public JsonNode preview(Caller caller, CatalogEntry.Bound bound, Resolution resolution, Path quarantine,
            Map<String, String> session) throws RpcException {
        Action<Record> action = action(bound);
        Context context = new Context(caller, local(resolution), quarantine, RunContext.detached().withSession(session));
        try {
            // the pipeline's own json: null when the action previews nothing beyond the params
            return action.preview(bound.value(), context).map(Json::toTree).orElse(null);
        } catch (ActionException e) {
            throw Failures.actionFailed(e.getMessage(), e.exitCode(), e.stderr());
        } catch (RuntimeException e) {
            throw unexpected(action, e);
        }
    }

    @Override
    public Outcome execute(Caller caller, CatalogEntry.Bound bound, Resolution resolution, Path quarantine,
            RunContext run) throws RpcException {
        Action<Record> action = action(bound);
        Context context = new Context(caller, local(resolution), quarantine, run);
        try {
            JsonNode output = Json.toTree(action.execute(bound.value(), context));
            ObjectNode object;
            if (output instanceof ObjectNode o) {
                object = o;
            } else {
                object = Json.MAPPER.createObjectNode();
                object.set("value", output);
            }
            return new Outcome(object, context.inverse.get());
        } catch (ActionException e) {
            throw Failures.actionFailed(e.getMessage(), e.exitCode(), e.stderr());
        } catch (RuntimeException e) {
            throw unexpected(action, e);
        }
    }

    private static ResolvedParams local(Resolution resolution) {
        if (!(resolution instanceof Resolution.Local local)) {
            throw new IllegalStateException("a resolution held by another process cannot be acted on here");
        }
        return local.params();
    }

    @SuppressWarnings("unchecked")
    private static Action<Record> action(CatalogEntry.Bound bound) {
        return (Action<Record>) bound.entry().action();
    }

    private static RpcException unexpected(Action<?> action, RuntimeException e) {
        System.err.println("llm-osd: action " + action.name() + " failed unexpectedly: " + e);
        return Failures.actionFailed(action.name() + " failed: " + e, null, null);
    }

    @Override
    public void close() {
    }

    /** the context handed to an action: identity, resolved paths, progress, cancel, quarantine, undo capture. */
    private static final class Context implements ActionContext {
        private final Caller caller;
        private final ResolvedParams paths;
        private final Path quarantine;
        private final RunContext run;
        private final AtomicReference<Inverse> inverse = new AtomicReference<>();

        Context(Caller caller, ResolvedParams paths, Path quarantine, RunContext run) {
            this.caller = caller;
            this.paths = paths;
            this.quarantine = quarantine;
            this.run = run;
        }

        @Override
        public Optional<ResolvedPath> path(String param) throws ActionException {
            return paths.path(param);
        }

        @Override
        public List<Path> daemonPaths() {
            return run.daemonPaths();
        }

        @Override
        public java.util.Set<String> capabilities() {
            return run.capabilities();
        }

        @Override
        public Caller caller() {
            return caller;
        }

        @Override
        public void progress(String message, Double fraction) {
            run.progress(message, fraction);
        }

        @Override
        public boolean cancelled() {
            return run.cancelled();
        }

        @Override
        public Map<String, String> session() {
            return run.session();
        }

        @Override
        public boolean elevated() {
            return run.elevated();
        }

        @Override
        public Path quarantine() {
            if (quarantine == null) {
                throw new IllegalStateException("no quarantine in this context");
            }
            return quarantine;
        }

        @Override
        public void undoWith(String action, Record params) {
            // an absent optional param is omitted, not sent as null: null is no value in a params schema
            ObjectNode tree = (ObjectNode) Json.toTree(params);
            tree.properties().removeIf(field -> field.getValue().isNull());
            if (!inverse.compareAndSet(null, new Inverse(action, tree))) {
                throw new IllegalStateException("undoWith called twice");
            }
        }
    }
}
