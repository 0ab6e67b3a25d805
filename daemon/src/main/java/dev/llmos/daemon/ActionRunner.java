package dev.llmos.daemon;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.action.Caller;
import dev.llmos.catalog.CatalogEntry;
import dev.llmos.protocol.RpcException;

/** runs a validated action with exactly the caller's privileges. */
interface ActionRunner extends AutoCloseable {
    ObjectNode run(Caller caller, CatalogEntry.Bound bound, RunContext context) throws RpcException;

    @Override
    void close();
}
