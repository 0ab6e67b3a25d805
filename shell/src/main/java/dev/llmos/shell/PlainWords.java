package dev.llmos.shell;

import dev.llmos.shell.cli.Cmd;
import dev.llmos.shell.cli.Suggest;
import java.util.ArrayList;
import java.util.List;

/**
 * tells plain words from a mistyped command. plain words go to the planner; a single token that
 * looks like a command (close to one, a command joined to other text, an action name, a word with
 * {@code =}) or a command's near miss followed by command-like arguments never does: it is a usage
 * error that says what was probably meant. anything can still be asked with {@code llmsh ask}.
 */
final class PlainWords {
    private PlainWords() {
    }

    /** throws when {@code words} (what followed llmsh's options) is a mistyped command rather than plain words. */
    static void check(List<String> words, Cmd<Handler> root) throws CliException {
        String first = words.getFirst();
        List<String> names = new ArrayList<>();
        root.visibleSubcommands().forEach(c -> names.add(c.name()));
        List<String> meant = Suggest.closest(first, names);
        boolean single = words.size() == 1;
        if (single && isActionName(first)) {
            throw mistyped(first, List.of("do " + first));
        }
        if (single && (!meant.isEmpty() || first.indexOf('=') > 0 || isCompound(first))) {
            throw mistyped(first, meant);
        }
        if (!single && !meant.isEmpty() && commandLike(words.subList(1, words.size()))) {
            throw mistyped(first, meant);
        }
    }

    private static CliException mistyped(String word, List<String> meant) {
        return new CliException(ExitCodes.USAGE, "unknown command '" + word + "'" + Suggest.phrase(meant), null,
                List.of("(plain words are sent to the planner; to ask this anyway: llmsh ask " + word + " ...)"));
    }

    /** {@code fs.list}, {@code sys.set_hostname}: family.verb. */
    static boolean isActionName(String token) {
        int dot = token.indexOf('.');
        if (dot <= 0 || dot == token.length() - 1 || token.indexOf('.', dot + 1) >= 0) {
            return false;
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (!(c >= 'a' && c <= 'z') && c != '_' && c != '.' && !(c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }

    /** lowercase words joined by dashes or underscores: {@code undo-list}, {@code audit_tail}. */
    private static boolean isCompound(String token) {
        boolean joined = false;
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c == '-' || c == '_') {
                joined = i > 0 && i < token.length() - 1;
            } else if (!(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9')) {
                return false;
            }
        }
        return joined;
    }

    /** arguments that only commands take: an action name, key=value, a transaction id, a plan file. */
    private static boolean commandLike(List<String> rest) {
        for (String token : rest) {
            if (isActionName(token) || token.indexOf('=') > 0 || token.startsWith("tx-") || token.endsWith(".json")) {
                return true;
            }
        }
        return false;
    }
}
