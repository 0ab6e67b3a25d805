package dev.llmos.shell;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.protocol.Methods;
import dev.llmos.shell.cli.Parsed;
import java.util.List;

/** {@code llmsh policy check|suggest ACTION key=value...} and {@code llmsh policy show}. */
final class PolicyCommand {
    private PolicyCommand() {
    }

    /** what policy decides for one action, and which rules matched. */
    static int check(Context context, Parsed<Handler> line) throws CliException {
        JsonNode result = context.call(Methods.POLICY_CHECK, request(context, line));
        context.print(result, out -> out.print(result.path("explain").asText()));
        return ExitCodes.OK;
    }

    /** a rule that would allow this request, and where it goes. */
    static int suggest(Context context, Parsed<Handler> line) throws CliException {
        ObjectNode request = request(context, line);
        if (line.value("--decision") != null) {
            request.put("decision", line.value("--decision"));
        }
        JsonNode result = context.call(Methods.POLICY_SUGGEST, request);
        context.print(result, out -> {
            for (String text : Denials.describe(result)) {
                out.println(text);
            }
        });
        return result.hasNonNull("blocked") ? ExitCodes.DENIED : ExitCodes.OK;
    }

    /** the effective policy: built-in protections, defaults, then configured rules. */
    static int show(Context context, Parsed<Handler> line) throws CliException {
        JsonNode result = context.call(Methods.POLICY_SHOW, Context.params());
        context.print(result, out -> out.print(result.path("text").asText()));
        return ExitCodes.OK;
    }

    private static ObjectNode request(Context context, Parsed<Handler> line) throws CliException {
        String action = line.arg("ACTION");
        List<String> pairs = line.argList("KEY=VALUE");
        ObjectNode request = Context.params().put("action", action);
        request.set("params", DoCommand.typedParams(context, action, pairs, null));
        return request;
    }
}
