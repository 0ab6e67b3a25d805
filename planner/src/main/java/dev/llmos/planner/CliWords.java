package dev.llmos.planner;

import java.util.List;
import java.util.Set;

/**
 * recognizes an llmsh command typed as plain words, mistyped ("undo-list", "aduit verify", "statsu"): llmsh
 * catches these before any planner, and the planner must not read them as requests either, so it declines
 * with the command it looks like.
 */
final class CliWords {
    /** llmsh's subcommands (docs/protocol.md, the llmsh contract). */
    static final List<String> SUBCOMMANDS = List.of("actions", "apply", "ask", "audit", "describe", "do", "fleet",
            "lease", "mcp", "plan", "policy", "replay", "status", "undo");
    /** subcommands that are never the first word of a request for an action: typed as the first word, a command. */
    private static final Set<String> COMMAND_ONLY = Set.of("apply", "audit", "describe", "fleet", "lease", "mcp",
            "policy", "replay", "undo");

    private CliWords() {
    }

    /**
     * why the request looks like a (mistyped) llmsh command rather than a request, or null. {@code vocabulary}
     * holds the words requests use, which are never read as typos of a subcommand.
     */
    static String mistyped(List<Token> tokens, Set<String> vocabulary) {
        int first = !tokens.isEmpty() && tokens.getFirst().word().equals("llmsh") ? 1 : 0;
        if (tokens.size() <= first) {
            return first == 1 ? "this is an llmsh command line, not a request; run llmsh --help" : null;
        }
        String word = tokens.get(first).word();
        if (first == 0 && Lexicon.NOT_NAMES.contains(word)) {
            return null;
        }
        String head = word.contains("-") ? word.substring(0, word.indexOf('-')) : word;
        String like = near(head);
        if (like == null && word.startsWith("--")) {
            return "this looks like an llmsh option, not a request; run llmsh --help";
        }
        if (like == null) {
            for (String command : COMMAND_ONLY) {
                if (word.startsWith(command) && word.length() > command.length()) {
                    like = command;
                }
            }
        }
        if (like == null) {
            return null;
        }
        boolean exact = head.equals(like);
        boolean brief = tokens.size() - first <= 4 || tokens.stream().anyMatch(t -> t.text().contains("=")
                || t.text().startsWith("--"));
        boolean command = first == 1 || word.contains("-") || exact && COMMAND_ONLY.contains(like)
                || !exact && brief && !vocabulary.contains(word) && word.length() >= 4;
        return command ? "this looks like the llmsh command '" + like + "' (llmsh " + like + " --help), not a request; "
                + "nothing was planned" : null;
    }

    /** the subcommand {@code word} is or is one typo (two for long words) away from, or null. */
    private static String near(String word) {
        for (String command : SUBCOMMANDS) {
            if (command.equals(word)) {
                return command;
            }
        }
        for (String command : SUBCOMMANDS) {
            int allowed = command.length() >= 6 ? 2 : 1;
            if (command.length() >= 4 && Math.abs(command.length() - word.length()) <= allowed
                    && Typos.distance(word, command) <= allowed) {
                return command;
            }
        }
        return null;
    }
}
