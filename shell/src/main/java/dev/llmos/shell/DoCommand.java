package dev.llmos.shell;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.protocol.MethodParams;
import dev.llmos.protocol.Methods;
import dev.llmos.protocol.StepStatus;
import dev.llmos.shell.cli.Parsed;
import dev.llmos.shell.render.Style;
import java.util.List;

/** {@code llmsh do ACTION key=value...}: one typed action, no llm involved. */
final class DoCommand {
    private DoCommand() {
    }

    static int run(Context context, Parsed<Handler> line) throws CliException {
        String action = line.arg("ACTION");
        boolean dryRun = line.flag(Commands.DRY_RUN);
        ObjectNode params = typedParams(context, action, line.argList("KEY=VALUE"), line.value("--params"));
        ObjectNode request = new MethodParams.Execute(action, params, dryRun ? Boolean.TRUE : null, null).toTree();
        JsonNode result;
        try {
            result = Confirming.call(context, Methods.ACTION_EXECUTE, request, true);
        } catch (CliException e) {
            if (e.error() != null && "/params/action".equals(e.error().pointer())) {
                // an unknown action: the catalog says what was probably meant
                Catalog.find(context, action);
            }
            throw Denials.explain(context, e, action, params);
        }
        report(context, result);
        return Outcome.exitCode(result);
    }

    /**
     * the params of {@code action} from key=value words and --params, typed by its schema, with path
     * params made absolute. with neither, no catalog round trip is needed (the fast path of
     * {@code llmsh do sys.info}).
     */
    static ObjectNode typedParams(Context context, String action, List<String> pairs, String json) throws CliException {
        ObjectNode base = ParamParser.object(json);
        if (pairs.isEmpty() && base == null) {
            return JsonCodec.object();
        }
        JsonNode entry = Catalog.find(context, action);
        ObjectNode params = ParamParser.parse(pairs, entry.path("params_schema"), base);
        PathArgs.resolve(params, entry, context.places());
        return params;
    }

    /** a single action's result for people, and why it counts as failed, when it does. */
    static void report(Context context, JsonNode result) {
        String failure = Outcome.failure(result);
        context.print(result, out -> {
            if (result.path("status").asText().equals(StepStatus.DRY_RUN.wireName())) {
                out.println("dry run of " + result.path("action").asText() + " (" + result.path("txid").asText()
                        + "): nothing was changed");
            }
            context.render(result.path("output"));
            if (result.path("undo").path("available").asBoolean()) {
                out.println("(undo with: llmsh undo " + result.path("txid").asText() + ")");
            }
        });
        if (failure != null && !context.json) {
            context.out().finish();
            context.err().print(Style.BOLD_RED, "llmsh:").println(" " + result.path("action").asText() + ": " + failure);
        }
    }
}
