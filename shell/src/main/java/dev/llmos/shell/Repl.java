package dev.llmos.shell;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.shell.cli.Cmd;
import dev.llmos.shell.cli.Parsed;
import dev.llmos.shell.cli.Parser;
import dev.llmos.shell.cli.UsageException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jline.reader.Candidate;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.ParsedLine;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * the interactive shell: each line is an llmsh command (or plain words for the planner), run
 * through the same model, parser and handlers as a one-shot command, with the same connection; a
 * mistyped command gets the same "did you mean". ctrl-c drops the line or cancels the running
 * action, ctrl-d leaves, an error never ends the shell. history: see {@link History}.
 */
final class Repl {
    private final Context context;
    private final Cmd<Handler> root = Commands.root();
    private final Completer completer;
    private List<JsonNode> catalog;

    Repl(Context context) {
        this.context = context;
        this.completer = new Completer(root, this::catalog, Completer.txidsOf(context));
    }

    int run() {
        History history = new History(History.location(context.env()));
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            LineReader reader = LineReaderBuilder.builder()
                    .terminal(terminal)
                    .appName("llmsh")
                    .completer(this::complete)
                    .variable(LineReader.DISABLE_HISTORY, true)
                    .build();
            try {
                history.load().forEach(reader.getHistory()::add);
            } catch (IOException e) {
                context.err().println("llmsh: history not loaded: " + e.getMessage());
            }
            terminal.handle(Terminal.Signal.INT, signal -> context.session().cancelCurrent());
            context.session().prompter(question -> {
                try {
                    return reader.readLine(question);
                } catch (UserInterruptException | EndOfFileException e) {
                    return null;
                }
            });
            context.out().println("llmsh: type what you want, or 'actions', 'do ACTION key=value', 'help'; ctrl-d leaves.");
            context.out().finish();
            while (true) {
                String line;
                try {
                    line = reader.readLine("llmsh> ");
                } catch (UserInterruptException e) {
                    continue;
                } catch (EndOfFileException e) {
                    return ExitCodes.OK;
                }
                List<String> words = new ArrayList<>();
                reader.getParsedLine().words().forEach(w -> {
                    if (!w.isEmpty()) {
                        words.add(w);
                    }
                });
                if (words.isEmpty()) {
                    continue;
                }
                if (words.getFirst().equals("exit") || words.getFirst().equals("quit")) {
                    return ExitCodes.OK;
                }
                remember(history, reader, line, words);
                runLine(words);
            }
        } catch (IOException e) {
            context.err().println("llmsh: cannot open the terminal: " + e.getMessage());
            return ExitCodes.USAGE;
        }
    }

    private void runLine(List<String> words) {
        List<String> args = new ArrayList<>();
        if (context.socket != null) {
            args.add(Commands.SOCKET + "=" + context.socket);
        }
        if (context.json) {
            args.add(Commands.JSON);
        }
        if (context.yes) {
            args.add(Commands.YES);
        }
        if (context.noAutostart) {
            args.add(Commands.NO_AUTOSTART);
        }
        if (context.noPager) {
            args.add(Commands.NO_PAGER);
        }
        args.add(Commands.COLOR + "=" + context.color.name().toLowerCase(java.util.Locale.ROOT));
        args.addAll(words);
        int status = Main.run(args, context.env(), context.terminal(), context.session(), context.stdout(),
                context.stderr(), true);
        if (status == ExitCodes.DAEMON_UNAVAILABLE) {
            context.session().close();
        }
    }

    /** keeps a command line in the history unless it carries a sensitive param's value. */
    private void remember(History history, LineReader reader, String line, List<String> words) {
        if (carriesSecret(words)) {
            return;
        }
        reader.getHistory().add(line);
        try {
            history.append(line);
        } catch (IOException e) {
            context.err().println("llmsh: history not saved: " + e.getMessage());
        }
    }

    /** whether the line names an action with key=value or --params values of a param the catalog marks sensitive. */
    boolean carriesSecret(List<String> words) {
        Parsed<Handler> parsed;
        try {
            parsed = Parser.parse(root, words);
        } catch (UsageException e) {
            return false;
        }
        String action = parsed.arg("ACTION");
        if (action == null) {
            return false;
        }
        Set<String> sensitive = new HashSet<>();
        for (JsonNode entry : catalog()) {
            if (entry.path("name").asText().equals(action)) {
                entry.path("sensitive_params").forEach(p -> sensitive.add(p.asText()));
            }
        }
        for (String pair : parsed.argList("KEY=VALUE")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && sensitive.contains(pair.substring(0, eq))) {
                return true;
            }
        }
        String json = parsed.value("--params");
        if (json != null) {
            for (String name : sensitive) {
                if (json.contains("\"" + name + "\"")) {
                    return true;
                }
            }
        }
        return false;
    }

    private List<JsonNode> catalog() {
        if (catalog == null) {
            catalog = Completer.catalogOf(context).get();
        }
        return catalog;
    }

    private void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        List<String> words = new ArrayList<>(line.words().subList(0, line.wordIndex()));
        words.add(line.word().substring(0, line.wordCursor()));
        Completer.Result result = completer.complete(words);
        for (Completer.Candidate c : result.candidates()) {
            candidates.add(new Candidate(c.value(), c.value(), null, c.description().isEmpty() ? null : c.description(),
                    null, null, !result.noSpace()));
        }
        if (result.files()) {
            files(words.getLast(), result.filesPrefix(), candidates);
        }
    }

    /** file names for a word such as {@code path=/tm}: entries of the directory typed so far. */
    private static void files(String word, String prefix, List<Candidate> candidates) {
        String typed = word.substring(Math.min(prefix.length(), word.length()));
        int slash = typed.lastIndexOf('/');
        String dirPart = slash < 0 ? "" : typed.substring(0, slash + 1);
        Path dir = Path.of(dirPart.isEmpty() ? "." : dirPart);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                boolean isDir = Files.isDirectory(entry);
                String value = prefix + dirPart + name + (isDir ? "/" : "");
                candidates.add(new Candidate(value, name + (isDir ? "/" : ""), null, null, null, null, !isDir));
            }
        } catch (IOException e) {
            // nothing to offer
        }
    }
}
