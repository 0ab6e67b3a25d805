package dev.llmos.shell;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.shell.cli.Parsed;
import java.util.List;

/** {@code llmsh ask TEXT...} and plain words: natural language to a plan of typed actions. */
final class AskCommand {
    private AskCommand() {
    }

    static int run(Context context, Parsed<Handler> line) throws CliException {
        return ask(context, String.join(" ", line.argList("TEXT")));
    }

    /** the root command: plain words, the repl when there are none on a terminal, else usage. */
    static int plainWords(Context context, Parsed<Handler> line) throws CliException {
        List<String> words = line.argList("TEXT");
        if (words.isEmpty()) {
            if (context.interactive() && !context.inRepl()) {
                return new Repl(context).run();
            }
            throw new CliException(ExitCodes.USAGE, "say what you want in plain words, or give a command",
                    null, List.of("(see 'llmsh --help')"));
        }
        PlainWords.check(words, line.path().getFirst());
        return ask(context, String.join(" ", words));
    }

    static int ask(Context context, String text) throws CliException {
        JsonNode plan = PlanCommand.create(context, text);
        if (!context.json) {
            PlanRunner.show(context.err(), plan);
            context.err().flush();
        }
        return PlanRunner.run(context, plan, false);
    }
}
