package dev.llmos.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.action.Caller;
import dev.llmos.action.Confinement;
import dev.llmos.catalog.CatalogEntry;
import dev.llmos.protocol.RpcException;
import java.nio.file.Path;
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
    public Resolution resolve(Caller caller, CatalogEntry.Bound bound) throws RpcException {
        return sideFor(caller).resolve(caller, bound);
    }

    @Override
    public JsonNode preview(Caller caller, CatalogEntry.Bound bound, Resolution resolution, Path quarantine,
            Map<String, String> session) throws RpcException {
        return sideFor(caller).preview(caller, bound, resolution, quarantine, session);
    }

    @Override
    public Outcome execute(Caller caller, CatalogEntry.Bound bound, Resolution resolution, Path quarantine,
            RunContext context) throws RpcException {
        return execute(caller, bound, resolution, quarantine, context, null);
    }

    /**
     * executes, in this (root) process when policy granted elevation ({@code elevation} not null: a
     * rule's {@code run_as = "root"}, with the capabilities it lets a started program keep) or when the action confines what it starts itself
     * ({@link Confinement#LAUNCHER}), else with the caller's own privileges. when the caller's
     * executor resolved the paths (proving what the caller reaches) and this process must act, it
     * resolves them again to hold the objects itself, and refuses unless both found the same ones.
     */
    Outcome execute(Caller caller, CatalogEntry.Bound bound, Resolution resolution, Path quarantine,
            RunContext context, java.util.Set<String> elevation) throws RpcException {
        boolean elevated = elevation != null;
        boolean here = daemonUid == 0 && (elevated || bound.entry().action().confinement() == Confinement.LAUNCHER);
        if (!here) {
            return sideFor(caller).execute(caller, bound, resolution, quarantine, context);
        }
        RunContext run = elevated ? context.elevate(elevation) : context;
        if (resolution instanceof Resolution.Local) {
            return local.execute(caller, bound, resolution, quarantine, run);
        }
        if (!elevated) {
            // the program is started as the caller: it gets only what the caller could reach
            for (var fact : resolution.facts().values()) {
                if (fact.failure() != null) {
                    throw Failures.actionFailed("cannot reach " + fact.path() + ": " + fact.failure(), null, null);
                }
            }
        }
        try (Resolution.Local held = local.resolve(caller, bound)) {
            if (!held.params().sameObjectsAs(resolution.facts())) {
                throw Failures.actionFailed("refused: a path changed while it was being resolved (the caller saw "
                        + resolution.facts() + ", the daemon " + held.facts() + ")", null, null);
            }
            return local.execute(caller, bound, held, quarantine, run);
        }
    }

    ExecutorPool executors() {
        return executors;
    }

    @Override
    public void close() {
        executors.close();
    }
}
