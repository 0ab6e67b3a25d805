package dev.llmos.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.action.Caller;
import dev.llmos.action.Confinement;
import dev.llmos.catalog.CatalogEntry;
import dev.llmos.protocol.RpcException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * chooses where caller-side work runs: in this process when the caller is the daemon's own user
 * (or root, for whom there is nothing to drop), in an executor with the caller's identity when a
 * root daemon serves another user. a non-root daemon serves only its own user.
 */
final class CallerRunner implements CallerSide {
    private final int daemonUid;
    private final InProcessSide local = new InProcessSide();
    private final ExecutorPool executors;

    CallerRunner(int daemonUid, ExecutorPool executors) {
        this.daemonUid = daemonUid;
        this.executors = executors;
    }

    private CallerSide sideFor(Caller caller) throws RpcException {
        if (caller.uid() == daemonUid) {
            return local;
        }
        if (daemonUid != 0) {
            throw RpcException.denied("this daemon runs as uid " + daemonUid
                    + " and acts only for that user; use the system daemon");
        }
        return executors;
    }

    @Override
    public Map<String, List<String>> resolvePaths(Caller caller, CatalogEntry.Bound bound) throws RpcException {
        return sideFor(caller).resolvePaths(caller, bound);
    }

    @Override
    public JsonNode preview(Caller caller, CatalogEntry.Bound bound, Path quarantine, Map<String, String> session)
            throws RpcException {
        return sideFor(caller).preview(caller, bound, quarantine, session);
    }

    @Override
    public Outcome execute(Caller caller, CatalogEntry.Bound bound, Map<String, List<String>> approved, Path quarantine,
            RunContext context) throws RpcException {
        return execute(caller, bound, approved, quarantine, context, false);
    }

    /**
     * executes, in this (root) process when policy granted {@code elevated} (a rule's
     * {@code run_as = "root"}) or when the action confines what it starts itself
     * ({@link Confinement#LAUNCHER}), else with the caller's own privileges.
     */
    Outcome execute(Caller caller, CatalogEntry.Bound bound, Map<String, List<String>> approved, Path quarantine,
            RunContext context, boolean elevated) throws RpcException {
        if (daemonUid == 0 && elevated) {
            return local.execute(caller, bound, approved, quarantine, context.elevate());
        }
        if (daemonUid == 0 && bound.entry().action().confinement() == Confinement.LAUNCHER) {
            return local.execute(caller, bound, approved, quarantine, context);
        }
        return sideFor(caller).execute(caller, bound, approved, quarantine, context);
    }

    ExecutorPool executors() {
        return executors;
    }

    @Override
    public void close() {
        executors.close();
    }
}
