package dev.llmos.shell;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.protocol.Methods;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code llmsh policy check ACTION key=value...} and {@code llmsh policy show}. */
@Command(name = "policy", description = "Explain policy decisions, or show the effective policy.",
        subcommands = {PolicyCommand.Check.class, PolicyCommand.Show.class})
final class PolicyCommand {
    @ParentCommand
    Llmsh root;

    /** what policy decides for one action, and which rules matched. */
    @Command(name = "check", description = "Explain the decision for an action: llmsh policy check fs.delete path=/etc/passwd")
    static final class Check implements Callable<Integer> {
        @ParentCommand
        PolicyCommand policy;

        @Parameters(index = "0", paramLabel = "ACTION", description = "Action name.")
        String action;

        @Parameters(index = "1..*", paramLabel = "KEY=VALUE", arity = "0..*", description = "Params, as for 'do'.")
        List<String> pairs = List.of();

        @Override
        public Integer call() throws CliException {
            Llmsh root = policy.root;
            JsonNode schema = pairs.isEmpty() ? Llmsh.params() : DescribeCommand.find(root, action).path("params_schema");
            ObjectNode request = Llmsh.params().put("action", action);
            request.set("params", ParamParser.parse(pairs, schema, null));
            JsonNode result = root.call(Methods.POLICY_CHECK, request);
            root.print(result, out -> out.print(result.path("explain").asText()));
            return ExitCodes.OK;
        }
    }

    /** the effective policy: built-in protections, defaults, then configured rules. */
    @Command(name = "show", description = "Print the effective policy.")
    static final class Show implements Callable<Integer> {
        @ParentCommand
        PolicyCommand policy;

        @Override
        public Integer call() throws CliException {
            Llmsh root = policy.root;
            JsonNode result = root.call(Methods.POLICY_SHOW, Llmsh.params());
            root.print(result, out -> out.print(result.path("text").asText()));
            return ExitCodes.OK;
        }
    }
}
