package dev.llmos.shell;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.shell.cli.Parsed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code llmsh apply FILE [--dry-run]}: runs a saved plan; never calls a planner. */
final class ApplyCommand {
    private ApplyCommand() {
    }

    static int run(Context context, Parsed<Handler> line) throws CliException {
        Path file = Path.of(line.arg("FILE"));
        JsonNode plan;
        try {
            plan = JsonCodec.parse(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new CliException(ExitCodes.USAGE, "cannot read " + file + ": " + e.getMessage());
        } catch (JsonCodec.JsonException e) {
            throw new CliException(ExitCodes.PLANNER_UNAVAILABLE, file + " is not a plan: " + e.getMessage());
        }
        if (!context.json) {
            PlanRunner.show(context.err(), plan);
        }
        return PlanRunner.run(context, plan, line.flag(Commands.DRY_RUN));
    }
}
