package dev.llmos.shell;

import dev.llmos.shell.cli.Parsed;
import dev.llmos.shell.render.Escapes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code llmsh completion SHELL} prints a script for bash, zsh or fish; each script asks
 * {@code llmsh __complete -- WORDS...} for candidates, one per line as {@code value<tab>description},
 * then a directive line: {@code :files} (complete file names), {@code :files=PREFIX} (file names
 * after {@code PREFIX}, as in {@code path=}), {@code :nospace} or {@code :}.
 */
final class CompletionCommand {
    private CompletionCommand() {
    }

    static int script(Context context, Parsed<Handler> line) throws CliException {
        String file = switch (line.arg("SHELL")) {
            case "bash" -> "llmsh.bash";
            case "zsh" -> "_llmsh";
            case "fish" -> "llmsh.fish";
            default -> throw new CliException(ExitCodes.USAGE, "completion for bash, zsh or fish, not " + line.arg("SHELL"));
        };
        try (InputStream in = CompletionCommand.class.getResourceAsStream("completion/" + file)) {
            if (in == null) {
                throw new CliException(ExitCodes.ACTION_FAILED, "the " + file + " completion script is missing from llmsh");
            }
            context.out().bytes(in.readAllBytes());
        } catch (IOException e) {
            throw new CliException(ExitCodes.ACTION_FAILED, "cannot read the completion script: " + e.getMessage());
        }
        return ExitCodes.OK;
    }

    static int candidates(Context context, Parsed<Handler> line) {
        Completer completer = new Completer(line.path().getFirst(), Completer.catalogOf(context),
                Completer.txidsOf(context));
        Completer.Result result = completer.complete(line.argList("WORD"));
        StringBuilder out = new StringBuilder();
        for (Completer.Candidate candidate : result.candidates()) {
            out.append(oneLine(candidate.value()));
            if (!candidate.description().isEmpty()) {
                out.append('\t').append(oneLine(candidate.description()));
            }
            out.append('\n');
        }
        out.append(':').append(result.files() ? "files" + (result.filesPrefix().isEmpty() ? "" : "=" + result.filesPrefix())
                : result.noSpace() ? "nospace" : "").append('\n');
        context.out().bytes(out.toString().getBytes(StandardCharsets.UTF_8));
        return ExitCodes.OK;
    }

    private static String oneLine(String text) {
        return Escapes.inline(text);
    }
}
