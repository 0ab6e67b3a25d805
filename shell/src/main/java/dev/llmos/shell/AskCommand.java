package dev.llmos.shell;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.protocol.ErrorCodes;
import dev.llmos.protocol.Methods;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code llmsh ask TEXT...}: natural language to a plan of typed actions. */
@Command(name = "ask", description = "Plan what you ask for in plain words, show the plan, and run it.")
final class AskCommand implements Callable<Integer> {
    @ParentCommand
    Llmsh root;

    @Parameters(paramLabel = "TEXT", arity = "1..*", description = "What you want, in plain words.")
    List<String> text;

    @Override
    public Integer call() throws CliException {
        return ask(root, String.join(" ", text));
    }

    static int ask(Llmsh root, String text) throws CliException {
        JsonNode plan;
        try {
            plan = root.call(Methods.PLAN_CREATE, Llmsh.params().put("text", text));
        } catch (CliException e) {
            if (e.error() != null && e.error().code() == ErrorCodes.METHOD_NOT_FOUND) {
                throw new CliException(ExitCodes.PLANNER_UNAVAILABLE, "this daemon has no planner; "
                        + "run a typed action instead (llmsh actions, llmsh do ACTION key=value)", e.error());
            }
            throw e;
        }
        root.print(plan, out -> Render.value(out, plan));
        return ExitCodes.OK;
    }
}
