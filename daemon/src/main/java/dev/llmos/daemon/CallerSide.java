package dev.llmos.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.action.Caller;
import dev.llmos.catalog.CatalogEntry;
import dev.llmos.protocol.RpcException;
import java.nio.file.Path;
import java.util.Map;

/**
 * the work that must happen with the caller's privileges: resolving path params (what the caller
 * reaches, held as descriptors), previewing, and executing on what was resolved. in this process when it already has them, otherwise in
 * an executor started with them.
 */
interface CallerSide extends AutoCloseable {
    /**
     * what an executed action returns: its output and, for a change, how to undo it.
     *
     * @param undo the inverse action and its params, or null
     */
    record Outcome(ObjectNode output, Inverse undo) {
    }

    /** the action (and params) that reverses an executed one. */
    record Inverse(String action, ObjectNode params) {
    }

    /**
     * resolves the action's path params once, as the caller reaches them, and holds what they name
     * until the returned resolution is closed.
     */
    Resolution resolve(Caller caller, CatalogEntry.Bound bound) throws RpcException;

    /**
     * what the action would change, or null when it says nothing beyond its params; {@code session}
     * is the caller's session (a desktop preview names the window that would get the input).
     */
    JsonNode preview(Caller caller, CatalogEntry.Bound bound, Resolution resolution, Path quarantine,
            Map<String, String> session) throws RpcException;

    /** runs the action on what {@code resolution} holds: the objects policy decided on, whatever their names are now. */
    Outcome execute(Caller caller, CatalogEntry.Bound bound, Resolution resolution, Path quarantine, RunContext context)
            throws RpcException;

    @Override
    void close();
}
