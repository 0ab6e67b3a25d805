package dev.llmos.actions.files;

import dev.llmos.action.testkit.TestContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.action.Action;
import dev.llmos.action.ActionException;
import dev.llmos.catalog.ActionCatalog;
import dev.llmos.catalog.CatalogEntry;
import dev.llmos.protocol.Json;
import dev.llmos.protocol.RpcException;
import java.nio.file.Path;

/**
 * runs actions as the daemon does: params as json, bound and validated by the catalog, their paths
 * resolved once into descriptors, then executed on those with a test context
 * ({@link TestContext#execute}); an inverse runs the same way, so it must pass its own schema.
 */
final class Harness {
    static final ActionCatalog CATALOG = ActionCatalog.discover();

    private final Path quarantine;

    Harness(Path quarantine) {
        this.quarantine = quarantine;
    }

    /**
     * one run.
     *
     * @param output the action's output as json
     * @param inverse what undoes it, or null
     */
    record Run(JsonNode output, TestContext.Inverse inverse) {
    }

    /** params from alternating names and values. */
    static ObjectNode params(Object... namesAndValues) {
        ObjectNode params = Json.MAPPER.createObjectNode();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            params.set((String) namesAndValues[i], Json.MAPPER.valueToTree(namesAndValues[i + 1]));
        }
        return params;
    }

    Run run(String action, ObjectNode params) throws ActionException, RpcException {
        return run(action, params, TestContext.withQuarantine(quarantine));
    }

    Run run(String action, ObjectNode params, TestContext context) throws ActionException, RpcException {
        CatalogEntry.Bound bound = bind(action, params);
        Object output = context.execute(cast(bound.entry().action()), bound.value());
        return new Run(Json.toTree(output), context.inverse());
    }

    JsonNode preview(String action, ObjectNode params) throws ActionException, RpcException {
        CatalogEntry.Bound bound = bind(action, params);
        return Json.toTree(TestContext.withQuarantine(quarantine).preview(cast(bound.entry().action()),
                bound.value()));
    }

    /** runs the inverse of {@code run} as the daemon's undo would: its params through json and the catalog. */
    Run undo(Run run) throws ActionException, RpcException {
        if (run.inverse() == null) {
            throw new IllegalStateException("no inverse recorded: " + run.output());
        }
        return run(run.inverse().action(), (ObjectNode) Json.toTree(run.inverse().params()));
    }

    /** the preview of the inverse of {@code run}. */
    JsonNode previewUndo(Run run) throws ActionException, RpcException {
        return preview(run.inverse().action(), (ObjectNode) Json.toTree(run.inverse().params()));
    }

    private static CatalogEntry.Bound bind(String action, ObjectNode params) throws RpcException {
        CatalogEntry entry = CATALOG.find(action);
        if (entry == null) {
            throw new IllegalArgumentException("unknown action " + action);
        }
        return entry.bind(params, "/params");
    }

    @SuppressWarnings("unchecked")
    private static Action<Record> cast(Action<?> action) {
        return (Action<Record>) action;
    }
}
