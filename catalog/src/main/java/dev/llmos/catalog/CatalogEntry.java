package dev.llmos.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.action.Action;
import dev.llmos.action.PathParam;
import dev.llmos.protocol.RpcException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * one action with its derived schema, ready to validate and bind params.
 *
 * @param action the plug-in
 * @param binder validates and binds the action's params record
 * @param pathRoles the params that are filesystem paths, by wire name in declaration order, with
 *     what the action does with each
 * @param linkParams wire names of the path params whose final symlink is the object itself
 *     ({@code PathParam.followFinal() == false})
 * @param sensitiveParams wire names of the params whose values are never kept, only their length
 */
public record CatalogEntry(Action<?> action, RecordBinder<?> binder, Map<String, PathParam.Role> pathRoles,
        Set<String> linkParams, Set<String> sensitiveParams) {
    public CatalogEntry {
        pathRoles = Collections.unmodifiableMap(new LinkedHashMap<>(pathRoles));
        linkParams = Set.copyOf(linkParams);
        sensitiveParams = Set.copyOf(sensitiveParams);
    }

    /** wire names of the params that are filesystem paths, in declaration order. */
    public List<String> pathParams() {
        return List.copyOf(pathRoles.keySet());
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
        /** whether the action can undo what it does with these params ({@link Action#undoable}). */
        @SuppressWarnings({"unchecked", "rawtypes"})
        public boolean undoable() {
            return ((Action) entry.action()).undoable(value);
        }
    }
}
