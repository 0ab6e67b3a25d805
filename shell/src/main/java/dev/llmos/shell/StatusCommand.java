package dev.llmos.shell;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.protocol.Methods;
import dev.llmos.shell.cli.Parsed;

/**
 * {@code llmsh status}: the daemon, who it thinks you are, and ({@code missing}) the optional parts
 * this machine lacks with the actions each one disables.
 */
final class StatusCommand {
    private StatusCommand() {
    }

    static int run(Context context, Parsed<Handler> line) throws CliException {
        JsonNode status = context.call(Methods.STATUS, Context.params());
        if (status instanceof ObjectNode object) {
            object.set("missing", MissingParts.toJson(MissingParts.here()));
        }
        context.print(status, out -> context.render(status));
        return ExitCodes.OK;
    }
}
