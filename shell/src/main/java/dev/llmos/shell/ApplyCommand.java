package dev.llmos.shell;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.protocol.Json;
import dev.llmos.protocol.RpcException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code llmsh apply FILE [--dry-run]}: runs a saved plan; never calls a planner. */
@Command(name = "apply", description = "Run a saved plan (from 'llmsh plan -o'); no planner or llm is involved.")
final class ApplyCommand implements Callable<Integer> {
    @ParentCommand
    Llmsh root;

    @Parameters(paramLabel = "FILE", description = "The plan json.")
    Path file;

    @Option(names = "--dry-run", description = "Decide and preview every step; change nothing.")
    boolean dryRun;

    @Override
    public Integer call() throws CliException {
        JsonNode plan;
        try {
            plan = Json.parse(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new CliException(ExitCodes.USAGE, "cannot read " + file + ": " + e.getMessage());
        } catch (RpcException e) {
            throw new CliException(ExitCodes.PLANNER_UNAVAILABLE, file + " is not a plan: " + e.getMessage());
        }
        if (!root.json) {
            PlanRunner.show(root.err(), plan);
        }
        return PlanRunner.run(root, plan, dryRun);
    }
}
