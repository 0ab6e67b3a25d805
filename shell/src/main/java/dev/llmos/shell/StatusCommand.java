package dev.llmos.shell;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.protocol.Methods;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code llmsh status}: the daemon, and who it thinks you are. */
@Command(name = "status", description = "Show the daemon's state and your identity as it sees it.")
final class StatusCommand implements Callable<Integer> {
    @ParentCommand
    Llmsh root;

    @Override
    public Integer call() throws CliException {
        JsonNode status = root.call(Methods.STATUS, Llmsh.params());
        root.print(status, out -> Render.value(out, status));
        return ExitCodes.OK;
    }
}
