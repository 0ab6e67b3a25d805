package dev.llmos.shell;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.protocol.Locations;
import dev.llmos.protocol.Methods;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.ParsedLine;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * the interactive shell: each line is an llmsh command (or plain words for the planner), run
 * through the same command tree with the same connection. ctrl-c drops the line or cancels the
 * running action, ctrl-d leaves, an error never ends the shell.
 */
final class Repl {
    /** what the first word completes to: every subcommand, and exit. */
    private static final List<String> COMMANDS = java.util.stream.Stream.concat(Llmsh.SUBCOMMANDS.stream()
            .map(command -> command.getAnnotation(picocli.CommandLine.Command.class).name()), java.util.stream.Stream.of("exit"))
            .toList();

    private final Llmsh root;
    private List<JsonNode> catalog;

    Repl(Llmsh root) {
        this.root = root;
    }

    int run() {
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            Path history = Locations.userState(root.env()).resolve("history");
            Files.createDirectories(history.getParent());
            LineReader reader = LineReaderBuilder.builder()
                    .terminal(terminal)
                    .appName("llmsh")
                    .completer(new ActionCompleter())
                    .variable(LineReader.HISTORY_FILE, history)
                    .build();
            terminal.handle(Terminal.Signal.INT, signal -> root.session().cancelCurrent());
            root.session().prompter(question -> {
                try {
                    return reader.readLine(question);
                } catch (UserInterruptException | EndOfFileException e) {
                    return null;
                }
            });
            root.out().println("llmsh: type what you want, or 'actions', 'do ACTION key=value', 'help'; ctrl-d leaves.");
            while (true) {
                String line;
                try {
                    line = reader.readLine("llmsh> ");
                } catch (UserInterruptException e) {
                    continue;
                } catch (EndOfFileException e) {
                    return ExitCodes.OK;
                }
                List<String> words = reader.getParsedLine().words().stream().filter(w -> !w.isEmpty()).toList();
                if (words.isEmpty()) {
                    continue;
                }
                if (words.getFirst().equals("exit") || words.getFirst().equals("quit")) {
                    return ExitCodes.OK;
                }
                runLine(words);
            }
        } catch (IOException e) {
            root.err().println("llmsh: cannot open the terminal: " + e.getMessage());
            return ExitCodes.USAGE;
        }
    }

    private void runLine(List<String> words) {
        List<String> args = new ArrayList<>();
        if (root.socket != null) {
            args.add("--socket=" + root.socket);
        }
        if (root.json) {
            args.add("--json");
        }
        if (root.yes) {
            args.add("--yes");
        }
        if (root.noAutostart) {
            args.add("--no-autostart");
        }
        args.addAll(words);
        // a fresh command object per line (picocli keeps option state), the same session
        Llmsh line = new Llmsh(root.env(), true, root.session());
        String[] argv = args.toArray(String[]::new);
        int status = Main.commandLine(line, root.out(), root.err(), argv).execute(argv);
        if (status == ExitCodes.DAEMON_UNAVAILABLE) {
            root.session().close();
        }
    }

    private List<JsonNode> catalog() {
        if (catalog == null) {
            List<JsonNode> entries = new ArrayList<>();
            try {
                root.call(Methods.ACTIONS_LIST, Llmsh.params()).path("actions").forEach(entries::add);
            } catch (CliException e) {
                return List.of();
            }
            catalog = entries;
        }
        return catalog;
    }

    /** completes commands, then action names, then the action's param keys. */
    private final class ActionCompleter implements Completer {
        @Override
        public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
            List<String> words = line.words();
            int index = line.wordIndex();
            if (index == 0) {
                COMMANDS.forEach(c -> candidates.add(new Candidate(c)));
                return;
            }
            String command = words.getFirst();
            if (!command.equals("do") && !command.equals("describe")) {
                return;
            }
            if (index == 1) {
                catalog().forEach(a -> candidates.add(new Candidate(a.path("name").asText(), a.path("name").asText(),
                        null, a.path("description").asText(), null, null, true)));
                return;
            }
            if (command.equals("do")) {
                String action = words.get(1);
                for (JsonNode entry : catalog()) {
                    if (entry.path("name").asText().equals(action)) {
                        entry.path("params_schema").path("properties").properties().forEach(p ->
                                candidates.add(new Candidate(p.getKey() + "=", p.getKey() + "=", null,
                                        p.getValue().path("description").asText(), null, null, false)));
                    }
                }
            }
        }
    }
}
