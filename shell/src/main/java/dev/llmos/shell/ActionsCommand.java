package dev.llmos.shell;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.protocol.Json;
import dev.llmos.protocol.Methods;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code llmsh actions}: the catalog. */
@Command(name = "actions", description = "List every action: name, risk, description.")
final class ActionsCommand implements Callable<Integer> {
    @ParentCommand
    Llmsh root;

    @Override
    public Integer call() throws CliException {
        JsonNode list = root.call(Methods.ACTIONS_LIST, Llmsh.params());
        root.print(list, out -> {
            var rows = Json.MAPPER.createArrayNode();
            for (JsonNode action : list.path("actions")) {
                rows.addObject()
                        .put("name", action.path("name").asText())
                        .put("risk", action.path("risk").asText())
                        .put("description", action.path("description").asText());
            }
            Render.table(out, rows, "");
        });
        return ExitCodes.OK;
    }
}
