package dev.llmos.action.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.action.Action;
import dev.llmos.action.ActionException;
import dev.llmos.catalog.ActionCatalog;
import dev.llmos.catalog.CatalogEntry;
import dev.llmos.protocol.Json;
import dev.llmos.protocol.RpcException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;

/**
 * runs actions in a family's tests as the daemon does: params as json, bound and validated by the
 * catalog of the actions on the test's class path, their paths resolved once into descriptors, then
 * executed on those with a {@link TestContext}; an inverse runs the same way (its params through
 * json and its own schema), as {@code undo.apply} runs it.
 *
 * <p>static methods take the context each time; an instance makes a fresh context for each run
 * ({@link #withQuarantine}, {@link #inSession}).
 */
public final class Harness {
    private final Supplier<TestContext> contexts;

    private Harness(Supplier<TestContext> contexts) {
        this.contexts = contexts;
    }

    /**
     * one run.
     *
     * @param output the action's output as json
     * @param inverse what undoes it, or null
     */
    public record Run(JsonNode output, TestContext.Inverse inverse) {
    }

    /** the actions on the class path, found once. */
    public static ActionCatalog catalog() {
        return Discovered.CATALOG;
    }

    /** a harness whose runs keep what they displace in {@code quarantine}. */
    public static Harness withQuarantine(Path quarantine) {
        return new Harness(() -> TestContext.withQuarantine(quarantine));
    }

    /** a harness whose runs act in the caller's graphical session {@code session}. */
    public static Harness inSession(Map<String, String> session) {
        return new Harness(() -> TestContext.withSession(session));
    }

    /** params from alternating names and values. */
    public static ObjectNode params(Object... namesAndValues) {
        ObjectNode params = Json.MAPPER.createObjectNode();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            params.set((String) namesAndValues[i], Json.MAPPER.valueToTree(namesAndValues[i + 1]));
        }
        return params;
    }

    /** {@code params} bound through the schema of {@code action}, as the daemon binds a request. */
    public static CatalogEntry.Bound bind(String action, ObjectNode params) throws RpcException {
        return catalog().require(action, "/params/action").bind(params, "/params");
    }

    /** runs {@code action} in {@code context}. */
    public static Run run(String action, ObjectNode params, TestContext context) throws ActionException, RpcException {
        CatalogEntry.Bound bound = bind(action, params);
        Object output = context.execute(cast(bound.entry().action()), bound.value());
        return new Run(Json.toTree(output), context.inverse());
    }

    /** runs {@code action} in the caller's graphical session {@code session}. */
    public static Run run(Map<String, String> session, String action, ObjectNode params)
            throws ActionException, RpcException {
        return run(action, params, TestContext.withSession(session));
    }

    /** previews {@code action} in {@code context}. */
    public static JsonNode preview(String action, ObjectNode params, TestContext context)
            throws ActionException, RpcException {
        CatalogEntry.Bound bound = bind(action, params);
        return Json.toTree(context.preview(cast(bound.entry().action()), bound.value()));
    }

    /** runs the inverse of {@code run} in {@code context}, as the daemon's undo would. */
    public static Run undo(Run run, TestContext context) throws ActionException, RpcException {
        return run(inverse(run).action(), inverseParams(run), context);
    }

    /** runs {@code action} in a fresh context of this harness. */
    public Run run(String action, ObjectNode params) throws ActionException, RpcException {
        return run(action, params, contexts.get());
    }

    /** previews {@code action} in a fresh context of this harness. */
    public JsonNode preview(String action, ObjectNode params) throws ActionException, RpcException {
        return preview(action, params, contexts.get());
    }

    /** runs the inverse of {@code run} in a fresh context of this harness. */
    public Run undo(Run run) throws ActionException, RpcException {
        return undo(run, contexts.get());
    }

    /** previews the inverse of {@code run} in a fresh context of this harness. */
    public JsonNode previewUndo(Run run) throws ActionException, RpcException {
        return preview(inverse(run).action(), inverseParams(run));
    }

    private static TestContext.Inverse inverse(Run run) {
        if (run.inverse() == null) {
            throw new IllegalStateException("no inverse recorded: " + run.output());
        }
        return run.inverse();
    }

    /** the inverse's params as the undo journal keeps them: json, absent fields left out. */
    private static ObjectNode inverseParams(Run run) {
        ObjectNode params = (ObjectNode) Json.toTree(inverse(run).params());
        params.properties().removeIf(field -> field.getValue().isNull());
        return params;
    }

    @SuppressWarnings("unchecked")
    private static Action<Record> cast(Action<?> action) {
        return (Action<Record>) action;
    }

    /** the catalog, discovered on first use. */
    private static final class Discovered {
        static final ActionCatalog CATALOG = ActionCatalog.discover();
    }
}
