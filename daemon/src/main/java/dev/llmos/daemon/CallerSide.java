package dev.llmos.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.action.Caller;
import dev.llmos.catalog.CatalogEntry;
import dev.llmos.protocol.RpcException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * the work that must happen with the caller's privileges: resolving path params (what the caller
 * would reach), previewing, and executing. in this process when it already has them, otherwise in
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

    /** each path param's values resolved as the caller sees them (symlinks followed, normalized). */
    Map<String, List<String>> resolvePaths(Caller caller, CatalogEntry.Bound bound) throws RpcException;

    /**
     * what the action would change, or null when it says nothing beyond its params; {@code session}
     * is the caller's session (a desktop preview names the window that would get the input).
     */
    JsonNode preview(Caller caller, CatalogEntry.Bound bound, Path quarantine, Map<String, String> session)
            throws RpcException;

    /**
     * runs the action, first checking that its path params still resolve to {@code approved}
     * (what policy decided on); a path that changed in between (a swapped symlink) is refused.
     */
    Outcome execute(Caller caller, CatalogEntry.Bound bound, Map<String, List<String>> approved, Path quarantine,
            RunContext context) throws RpcException;

    @Override
    void close();
}
