package dev.llmos.shell;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.protocol.Methods;
import dev.llmos.shell.cli.Parsed;

/** {@code llmsh status}: the daemon, and who it thinks you are. */
final class StatusCommand {
    private StatusCommand() {
    }

    static int run(Context context, Parsed<Handler> line) throws CliException {
        JsonNode status = context.call(Methods.STATUS, Context.params());
        context.print(status, out -> context.render(status));
        return ExitCodes.OK;
    }
}
