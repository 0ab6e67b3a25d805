package dev.llmos.actions.proc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.action.Action;
import dev.llmos.action.ActionException;
import dev.llmos.action.testkit.TestContext;
import dev.llmos.catalog.ActionCatalog;
import dev.llmos.catalog.CatalogEntry;
import dev.llmos.protocol.Json;
import dev.llmos.protocol.RpcException;

/** runs actions as the daemon does: params as json, bound and validated by the catalog, then executed. */
final class Harness {
    static final ActionCatalog CATALOG = ActionCatalog.discover();

    private Harness() {
    }

    /** params from alternating names and values. */
    static ObjectNode params(Object... namesAndValues) {
        ObjectNode params = Json.MAPPER.createObjectNode();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            params.set((String) namesAndValues[i], Json.MAPPER.valueToTree(namesAndValues[i + 1]));
        }
        return params;
    }

    static CatalogEntry.Bound bind(String action, ObjectNode params) throws RpcException {
        return CATALOG.require(action, "/params/action").bind(params, "/params");
    }

    static JsonNode run(String action, ObjectNode params, TestContext context) throws ActionException, RpcException {
        CatalogEntry.Bound bound = bind(action, params);
        @SuppressWarnings("unchecked")
        Action<Record> typed = (Action<Record>) bound.entry().action();
        return Json.toTree(context.execute(typed, bound.value()));
    }

    static JsonNode preview(String action, ObjectNode params, TestContext context) throws ActionException, RpcException {
        CatalogEntry.Bound bound = bind(action, params);
        @SuppressWarnings("unchecked")
        Action<Record> typed = (Action<Record>) bound.entry().action();
        return Json.toTree(context.preview(typed, bound.value()));
    }
}
