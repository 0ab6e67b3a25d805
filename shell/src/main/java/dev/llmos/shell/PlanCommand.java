package dev.llmos.shell;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.protocol.ErrorCodes;
import dev.llmos.protocol.MethodParams;
import dev.llmos.protocol.Methods;
import dev.llmos.shell.cli.Parsed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code llmsh plan TEXT... [-o FILE]}: plan only; prints or saves the plan json. */
final class PlanCommand {
    private PlanCommand() {
    }

    static int run(Context context, Parsed<Handler> line) throws CliException {
        JsonNode plan = create(context, String.join(" ", line.argList("TEXT")));
        String output = line.value("--output");
        if (output != null) {
            try {
                Files.writeString(Path.of(output), JsonCodec.pretty(plan));
            } catch (IOException e) {
                throw new CliException(ExitCodes.USAGE, "cannot write " + output + ": " + e.getMessage());
            }
            context.err().println("saved the plan to " + output + "; run it with: llmsh apply " + output);
        }
        context.print(plan, out -> PlanRunner.show(out, plan));
        return ExitCodes.OK;
    }

    /** asks the daemon's planner; a refusal lists the closest actions and how to run them directly. */
    static JsonNode create(Context context, String text) throws CliException {
        try {
            // a remote llm may need consent first: asked like any other confirmation
            return Confirming.call(context, Methods.PLAN_CREATE,
                    new MethodParams.PlanCreate(text, context.places().cwd().toString(), null).toTree(), false);
        } catch (CliException e) {
            if (e.error() == null) {
                throw e;
            }
            if (e.error().code() == ErrorCodes.METHOD_NOT_FOUND) {
                throw new CliException(ExitCodes.PLANNER_UNAVAILABLE, "this daemon has no planner; "
                        + "run a typed action instead (llmsh actions, llmsh do ACTION key=value)", e.error());
            }
            JsonNode candidates = e.error().data() == null ? null : e.error().data().get("candidates");
            if (candidates != null && !candidates.isEmpty()) {
                List<String> lines = new ArrayList<>(List.of("closest actions:"));
                candidates.forEach(c -> lines.add("  " + c.path("command").asText()));
                throw new CliException(e.exitCode(), e.getMessage(), e.error(), lines);
            }
            throw e;
        }
    }
}
