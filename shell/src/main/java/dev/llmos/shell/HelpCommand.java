package dev.llmos.shell;

import dev.llmos.shell.cli.Cmd;
import dev.llmos.shell.cli.Help;
import dev.llmos.shell.cli.Parsed;
import dev.llmos.shell.cli.Suggest;
import java.util.ArrayList;
import java.util.List;

/** {@code llmsh help [COMMAND...]}: the same help as {@code COMMAND --help}. */
final class HelpCommand {
    private HelpCommand() {
    }

    static int run(Context context, Parsed<Handler> line) throws CliException {
        List<Cmd<Handler>> path = new ArrayList<>(List.of(line.path().getFirst()));
        for (String word : line.argList("COMMAND")) {
            Cmd<Handler> at = path.getLast();
            var sub = at.subcommand(word);
            if (sub.isEmpty()) {
                List<String> names = new ArrayList<>();
                at.visibleSubcommands().forEach(c -> names.add(c.name()));
                throw new CliException(ExitCodes.USAGE, "no help for '" + word + "': not a command"
                        + Suggest.phrase(Suggest.closest(word, names)));
            }
            path.add(sub.get());
        }
        context.out().print(Help.render(path, ExitCodes.DOCUMENTED, context.terminal().width(1)));
        return ExitCodes.OK;
    }
}
