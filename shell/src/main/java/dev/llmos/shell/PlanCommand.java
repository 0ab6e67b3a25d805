package dev.llmos.shell;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.protocol.ErrorCodes;
import dev.llmos.protocol.Json;
import dev.llmos.protocol.Methods;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code llmsh plan TEXT... [-o FILE]}: plan only; prints or saves the plan json. */
@Command(name = "plan", description = "Plan what you ask for without running it; print the plan or save it (-o) for 'llmsh apply'.")
final class PlanCommand implements Callable<Integer> {
    @ParentCommand
    Llmsh root;

    @Parameters(paramLabel = "TEXT", arity = "1..*", description = "What you want, in plain words.")
    List<String> text;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Save the plan json to FILE.")
    Path output;

    @Override
    public Integer call() throws CliException {
        JsonNode plan = create(root, String.join(" ", text));
        if (output != null) {
            try {
                Files.writeString(output, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(plan) + "\n");
            } catch (IOException e) {
                throw new CliException(ExitCodes.USAGE, "cannot write " + output + ": " + e.getMessage());
            }
            root.err().println("saved the plan to " + output + "; run it with: llmsh apply " + output);
        }
        root.print(plan, out -> PlanRunner.show(out, plan));
        return ExitCodes.OK;
    }

    /** asks the daemon's planner; a refusal lists the closest actions and how to run them directly. */
    static JsonNode create(Llmsh root, String text) throws CliException {
        try {
            // a remote llm may need consent first: asked like any other confirmation
            return Confirming.call(root, Methods.PLAN_CREATE, Llmsh.params().put("text", text)
                    .put("cwd", Path.of("").toAbsolutePath().toString()));
        } catch (CliException e) {
            if (e.error() == null) {
                throw e;
            }
            if (e.error().code() == ErrorCodes.METHOD_NOT_FOUND) {
                throw new CliException(ExitCodes.PLANNER_UNAVAILABLE, "this daemon has no planner; "
                        + "run a typed action instead (llmsh actions, llmsh do ACTION key=value)", e.error());
            }
            JsonNode candidates = e.error().data() == null ? null : e.error().data().get("candidates");
            if (candidates != null && !candidates.isEmpty() && !root.json) {
                StringBuilder message = new StringBuilder(e.getMessage()).append("\nclosest actions:");
                candidates.forEach(c -> message.append("\n  ").append(c.path("command").asText()));
                throw new CliException(e.exitCode(), message.toString(), e.error());
            }
            throw e;
        }
    }
}
