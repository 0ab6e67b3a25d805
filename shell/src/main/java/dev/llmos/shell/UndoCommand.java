package dev.llmos.shell;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.protocol.Methods;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code llmsh undo TXID} and {@code llmsh undo --list}. */
@Command(name = "undo", description = "Undo a change by its transaction id (see --list).")
final class UndoCommand implements Callable<Integer> {
    @ParentCommand
    Llmsh root;

    @Parameters(paramLabel = "TXID", arity = "0..1", description = "The transaction to undo, e.g. tx-019a...-0001.")
    String txid;

    @Option(names = "--list", description = "List what can be undone, newest first.")
    boolean list;

    @Option(names = "--dry-run", description = "Show what the undo would do; change nothing.")
    boolean dryRun;

    @Override
    public Integer call() throws CliException {
        if (list || txid == null) {
            if (txid != null) {
                throw new CliException(ExitCodes.USAGE, "give either TXID or --list");
            }
            JsonNode entries = root.call(Methods.UNDO_LIST, Llmsh.params());
            root.print(entries, out -> Render.value(out, entries));
            return ExitCodes.OK;
        }
        var params = Llmsh.params().put("txid", txid);
        if (dryRun) {
            params.put("dry_run", true);
        }
        JsonNode result = Confirming.call(root, Methods.UNDO_APPLY, params);
        root.print(result, out -> {
            out.println((dryRun ? "would undo " : "undid ") + txid + " with " + result.path("action").asText()
                    + " (" + result.path("txid").asText() + ")");
            Render.value(out, result.path("output"));
        });
        return ExitCodes.OK;
    }
}
