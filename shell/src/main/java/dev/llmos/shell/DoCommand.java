package dev.llmos.shell;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.protocol.Json;
import dev.llmos.protocol.Methods;
import dev.llmos.protocol.RpcException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code llmsh do ACTION key=value...}: one typed action, no llm involved. */
@Command(name = "do", description = "Run one typed action: llmsh do fs.list path=/tmp limit=5")
final class DoCommand implements Callable<Integer> {
    @ParentCommand
    Llmsh root;

    @Parameters(index = "0", paramLabel = "ACTION", description = "Action name, e.g. fs.list.")
    String action;

    @Parameters(index = "1..*", paramLabel = "KEY=VALUE", arity = "0..*",
            description = "Params, typed by the action's schema (numbers, true/false, comma lists).")
    List<String> pairs = List.of();

    @Option(names = "--params", paramLabel = "JSON", description = "Params as a json object (key=value pairs override).")
    String paramsJson;

    @Option(names = "--dry-run", description = "Validate and preview only; change nothing.")
    boolean dryRun;

    @Override
    public Integer call() throws CliException {
        ObjectNode base = null;
        if (paramsJson != null) {
            try {
                JsonNode parsed = Json.parse(paramsJson.getBytes(StandardCharsets.UTF_8));
                if (!parsed.isObject()) {
                    throw new CliException(ExitCodes.USAGE, "--params must be a json object");
                }
                base = (ObjectNode) parsed;
            } catch (RpcException e) {
                throw new CliException(ExitCodes.USAGE, "--params: " + e.getMessage());
            }
        }
        JsonNode schema = pairs.isEmpty() ? Json.MAPPER.createObjectNode()
                : DescribeCommand.find(root, action).path("params_schema");
        ObjectNode params = ParamParser.parse(pairs, schema, base);
        ObjectNode request = Llmsh.params().put("action", action);
        request.set("params", params);
        if (dryRun) {
            request.put("dry_run", true);
        }
        JsonNode result = Confirming.call(root, Methods.ACTION_EXECUTE, request);
        root.print(result, out -> {
            if (result.path("status").asText().equals("dry_run")) {
                out.println("dry run of " + result.path("action").asText() + " (" + result.path("txid").asText() + "): nothing was changed");
            }
            Render.value(out, result.path("output"));
            if (result.path("undo").path("available").asBoolean()) {
                out.println("(undo with: llmsh undo " + result.path("txid").asText() + ")");
            }
        });
        return ExitCodes.OK;
    }
}
