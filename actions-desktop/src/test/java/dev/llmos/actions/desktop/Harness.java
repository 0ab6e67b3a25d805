package dev.llmos.actions.desktop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.action.Action;
import dev.llmos.action.ActionException;
import dev.llmos.action.testkit.TestContext;
import dev.llmos.catalog.ActionCatalog;
import dev.llmos.catalog.CatalogEntry;
import dev.llmos.protocol.Json;
import dev.llmos.protocol.RpcException;
import java.util.Map;

/**
 * runs actions as the daemon does: params as json, bound and validated by the catalog, then
 * executed in the caller's session; an inverse runs the same way, so it must pass its own schema.
 */
final class Harness {
    static final ActionCatalog CATALOG = ActionCatalog.discover();

    private Harness() {
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

    static Run run(Map<String, String> session, String action, ObjectNode params) throws ActionException, RpcException {
        CatalogEntry.Bound bound = bind(action, params);
        TestContext context = TestContext.withSession(session);
        Object output = context.execute(cast(bound.entry().action()), bound.value());
        return new Run(Json.toTree(output), context.inverse());
    }

    static JsonNode preview(Map<String, String> session, String action, ObjectNode params)
            throws ActionException, RpcException {
        CatalogEntry.Bound bound = bind(action, params);
        return Json.toTree(TestContext.withSession(session).preview(cast(bound.entry().action()), bound.value()));
    }

    /** runs the inverse of {@code run} as the daemon's undo would: its params through json and the catalog. */
    static Run undo(Map<String, String> session, Run run) throws ActionException, RpcException {
        if (run.inverse() == null) {
            throw new IllegalStateException("no inverse recorded: " + run.output());
        }
        ObjectNode params = (ObjectNode) Json.toTree(run.inverse().params());
        params.properties().removeIf(field -> field.getValue().isNull());
        return run(session, run.inverse().action(), params);
    }

    static CatalogEntry.Bound bind(String action, ObjectNode params) throws RpcException {
        CatalogEntry entry = CATALOG.find(action);
        if (entry == null) {
            throw new IllegalArgumentException("unknown action " + action);
        }
        return entry.bind(params, "/params");
    }

    @SuppressWarnings("unchecked")
    static Action<Record> cast(Action<?> action) {
        return (Action<Record>) action;
    }
}
