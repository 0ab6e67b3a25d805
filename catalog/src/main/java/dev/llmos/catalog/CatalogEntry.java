package dev.llmos.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.action.Action;
import dev.llmos.protocol.RpcException;
import java.util.List;

/**
 * one action with its derived schema, ready to validate and bind params.
 *
 * @param action the plug-in
 * @param binder validates and binds the action's params record
 * @param pathParams wire names of the params that are filesystem paths
 */
public record CatalogEntry(Action<?> action, RecordBinder<?> binder, List<String> pathParams) {
    public CatalogEntry {
        pathParams = List.copyOf(pathParams);
    }

    public String name() {
        return action.name();
    }

    /** the strict params schema sent to clients and planners. */
    public ObjectNode schema() {
        return binder.schema();
    }

    /** validates and binds {@code params}; errors name the json pointer under {@code base}. */
    public Bound bind(JsonNode params, String base) throws RpcException {
        RecordBinder.Bound<?> bound = binder.bind(params, base, action.name());
        return new Bound(this, bound.normalized(), (Record) bound.value());
    }

    /**
     * params that passed validation.
     *
     * @param normalized the params with defaults filled in, as recorded and sent to executors
     * @param value the bound params record
     */
    public record Bound(CatalogEntry entry, ObjectNode normalized, Record value) {
    }
}
