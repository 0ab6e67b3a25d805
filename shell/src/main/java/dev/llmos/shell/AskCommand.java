package dev.llmos.shell;

import com.fasterxml.jackson.databind.JsonNode;
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
        JsonNode plan = PlanCommand.create(root, text);
        if (!root.json) {
            PlanRunner.show(root.err(), plan);
            root.err().flush();
        }
        return PlanRunner.run(root, plan, false);
    }
}
