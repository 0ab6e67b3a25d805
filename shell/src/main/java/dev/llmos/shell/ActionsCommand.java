package dev.llmos.shell;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.llmos.protocol.Methods;
import dev.llmos.shell.cli.Parsed;

/** {@code llmsh actions}: the catalog. */
final class ActionsCommand {
    private ActionsCommand() {
    }

    static int run(Context context, Parsed<Handler> line) throws CliException {
        JsonNode list = context.call(Methods.ACTIONS_LIST, Context.params());
        context.print(list, out -> {
            ArrayNode rows = JsonCodec.NODES.arrayNode();
            for (JsonNode action : list.path("actions")) {
                rows.addObject()
                        .put("name", action.path("name").asText())
                        .put("risk", action.path("risk").asText())
                        .put("description", action.path("description").asText());
            }
            context.render(rows);
        });
        return ExitCodes.OK;
    }
}
