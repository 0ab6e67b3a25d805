package dev.llmos.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.action.Caller;
import dev.llmos.catalog.CatalogEntry;
import dev.llmos.protocol.ActionResult;
import dev.llmos.protocol.Json;
import dev.llmos.protocol.RpcException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * one validated action from decision to result: resolve its paths as the caller, decide, preview
 * or execute with the caller's privileges (re-checking the approved paths), journal its inverse.
 * every entry point that runs actions (a direct call, a plan step, an undo) goes through here.
 */
final class ActionPipeline {
    private final CallerRunner runner;
    private final Quarantines quarantines;
    private final UndoJournal journal;
    private final TxIds txids;

    ActionPipeline(CallerRunner runner, Quarantines quarantines, UndoJournal journal, TxIds txids) {
        this.runner = runner;
        this.quarantines = quarantines;
        this.journal = journal;
        this.txids = txids;
    }

    ActionResult run(Caller caller, CatalogEntry.Bound bound, boolean dryRun, RunContext context) throws RpcException {
        String txid = txids.next();
        String name = bound.entry().name();
        try {
            Map<String, List<String>> paths = runner.resolvePaths(caller, bound);
            Path quarantine = quarantines.forCaller(caller);
            if (dryRun) {
                ObjectNode preview = Json.MAPPER.createObjectNode().put("action", name);
                preview.set("params", bound.normalized());
                preview.put("risk", bound.entry().action().risk().wireName());
                preview.set("paths", Json.toTree(paths));
                JsonNode detail = runner.preview(caller, bound, quarantine);
                if (detail != null) {
                    preview.set("preview", detail);
                }
                return new ActionResult(txid, name, ActionResult.DRY_RUN, preview, null);
            }
            CallerSide.Outcome outcome = runner.execute(caller, bound, paths, quarantine, context);
            boolean undoable = outcome.undo() != null;
            if (undoable) {
                try {
                    journal.record(txid, caller.uid(), name, outcome.undo());
                } catch (IOException e) {
                    throw Failures.actionFailed(name + " ran, but its undo could not be journaled: " + e.getMessage(), null, null);
                }
            }
            return new ActionResult(txid, name, ActionResult.OK, outcome.output(), new ActionResult.Undo(undoable));
        } catch (RpcException e) {
            throw Failures.withTxid(e, txid);
        }
    }
}
