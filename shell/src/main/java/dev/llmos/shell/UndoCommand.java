package dev.llmos.shell;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.protocol.MethodParams;
import dev.llmos.protocol.Methods;
import dev.llmos.shell.cli.Parsed;

/** {@code llmsh undo TXID} and {@code llmsh undo --list}. */
final class UndoCommand {
    private UndoCommand() {
    }

    static int run(Context context, Parsed<Handler> line) throws CliException {
        String txid = line.arg("TXID");
        boolean dryRun = line.flag(Commands.DRY_RUN);
        if (line.flag("--list") || txid == null) {
            if (txid != null) {
                throw new CliException(ExitCodes.USAGE, "give either TXID or --list");
            }
            JsonNode entries = context.call(Methods.UNDO_LIST, Context.params());
            context.print(entries, out -> {
                if (entries.path("entries").isEmpty()) {
                    out.println("nothing to undo: no change of yours is in the undo journal");
                } else {
                    context.render(entries);
                }
            });
            return ExitCodes.OK;
        }
        ObjectNode params = new MethodParams.Undo(txid, dryRun ? Boolean.TRUE : null, null).toTree();
        JsonNode result = Confirming.call(context, Methods.UNDO_APPLY, params, true);
        context.print(result, out -> {
            out.println((dryRun ? "would undo " : "undid ") + txid + " with " + result.path("action").asText()
                    + " (" + result.path("txid").asText() + ")");
            context.render(result.path("output"));
        });
        return Outcome.exitCode(result);
    }
}
