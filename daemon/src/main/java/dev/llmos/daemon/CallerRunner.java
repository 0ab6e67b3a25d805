package dev.llmos.daemon;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.action.Caller;
import dev.llmos.catalog.CatalogEntry;
import dev.llmos.protocol.RpcException;

/**
 * chooses where an action runs: in this process when the caller is the daemon's own user (or
 * root, for whom there is nothing to drop), in an executor with the caller's identity when a root
 * daemon serves another user. a non-root daemon serves only its own user.
 */
final class CallerRunner implements ActionRunner {
    private final int daemonUid;
    private final ExecutorPool executors;

    CallerRunner(int daemonUid, ExecutorPool executors) {
        this.daemonUid = daemonUid;
        this.executors = executors;
    }

    @Override
    public ObjectNode run(Caller caller, CatalogEntry.Bound bound, RunContext context) throws RpcException {
        if (caller.uid() == daemonUid) {
            return ActionInvoker.invoke(bound, caller, context);
        }
        if (daemonUid != 0) {
            throw RpcException.denied("this daemon runs as uid " + daemonUid
                    + " and acts only for that user; use the system daemon");
        }
        return executors.run(caller, bound, context);
    }

    ExecutorPool executors() {
        return executors;
    }

    @Override
    public void close() {
        executors.close();
    }
}
