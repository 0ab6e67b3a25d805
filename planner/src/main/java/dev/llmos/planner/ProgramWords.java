package dev.llmos.planner;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * a program and its arguments named after "run", "execute" or "launch" ("run uptime", "execute df -h",
 * "run `ls -la /tmp`"): the program must be one the machine has. such a request goes to the action that
 * runs programs without routing: its words after the verb are the program's, not the request's, unless they
 * read as prose (an article, "within"). pure but for that lookup.
 */
final class ProgramWords {
    private static final Set<String> VERBS = Set.of("run", "execute", "exec", "launch");
    private static final Set<String> LEAD = Set.of("please", "now", "just", "can", "you", "could", "go", "and");
    private static final Set<String> ARTICLES = Set.of("the", "a", "command", "program", "tool", "binary", "script");
    private static final Set<String> TRAILING = Set.of("please", "now", "for", "me");
    /**
     * words that, standing alone after the program, say the rest is a description of a task, not its
     * arguments ("run a bash command within a kubernetes pod"), or a second step ("run sleep 10 and stop it").
     */
    private static final Set<String> PROSE = Set.of("a", "an", "the", "within", "inside", "into", "using", "and",
            "then");

    private ProgramWords() {
    }

    /** the argv the tokens name after a run verb, or null when they name no program the machine has. */
    static List<String> command(List<Token> tokens, Machine machine) {
        int at = 0;
        while (at < tokens.size() && LEAD.contains(tokens.get(at).word())) {
            at++;
        }
        if (at >= tokens.size() || !VERBS.contains(tokens.get(at).word())) {
            return null;
        }
        at++;
        while (at < tokens.size() && !tokens.get(at).quoted() && ARTICLES.contains(tokens.get(at).word())) {
            at++;
        }
        if (at >= tokens.size()) {
            return null;
        }
        List<String> argv = new ArrayList<>();
        if (tokens.get(at).quoted() && at == tokens.size() - 1) {
            argv.addAll(List.of(tokens.get(at).text().trim().split("\\s+")));
        } else {
            int end = tokens.size();
            while (end > at + 1 && TRAILING.contains(tokens.get(end - 1).word())) {
                end--;
            }
            for (Token token : tokens.subList(at, end)) {
                if (!token.quoted() && !argv.isEmpty() && PROSE.contains(token.word())) {
                    return null;
                }
                argv.add(token.text());
            }
        }
        String program = argv.getFirst();
        boolean known = program.startsWith("/") ? program.indexOf(' ') < 0 : machine.program(program);
        return known ? List.copyOf(argv) : null;
    }
}
