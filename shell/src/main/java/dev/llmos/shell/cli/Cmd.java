package dev.llmos.shell.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * one command of a command line: the model that parsing, help, the man page and shell completion
 * are all made from, so they cannot disagree. plain data, built without reflection: a one-shot run
 * builds it in microseconds.
 *
 * @param name the word that selects it ({@code do}); the program name for the root
 * @param summary one line for command lists
 * @param description paragraphs for its help and the man page
 * @param options its own options (the root's global ones apply everywhere as well)
 * @param args its positional arguments, in order; only the last may take many
 * @param subcommands commands below it; a command has args or subcommands, not both (except the
 *     root, whose args are what is left when no subcommand matches)
 * @param handler what runs it, or null for a command that only groups subcommands
 * @param examples command lines with a comment, for help and the man page
 * @param exitCodes {@code code: meaning} lines that differ from or add to the program's
 * @param hidden left out of help and the man page (internal commands such as completion's helper)
 * @param <H> the application's handler type
 */
public record Cmd<H>(String name, String summary, List<String> description, List<Opt> options, List<Arg> args,
        List<Cmd<H>> subcommands, H handler, List<String> examples, List<String> exitCodes, boolean hidden) {
    public Cmd {
        description = List.copyOf(description);
        options = List.copyOf(options);
        args = List.copyOf(args);
        subcommands = List.copyOf(subcommands);
        examples = List.copyOf(examples);
        exitCodes = List.copyOf(exitCodes);
        for (int i = 0; i < args.size() - 1; i++) {
            if (args.get(i).max() != 1) {
                throw new IllegalArgumentException(name + ": only the last argument may take many values");
            }
        }
    }

    /** a builder-style start: name and summary; the rest through the {@code with} methods. */
    public static <H> Cmd<H> of(String name, String summary) {
        return new Cmd<>(name, summary, List.of(), List.of(), List.of(), List.of(), null, List.of(), List.of(), false);
    }

    public Cmd<H> describedAs(String... paragraphs) {
        return new Cmd<>(name, summary, List.of(paragraphs), options, args, subcommands, handler, examples, exitCodes, hidden);
    }

    public Cmd<H> withOptions(Opt... more) {
        return new Cmd<>(name, summary, description, concat(options, List.of(more)), args, subcommands, handler, examples,
                exitCodes, hidden);
    }

    public Cmd<H> withArgs(Arg... more) {
        return new Cmd<>(name, summary, description, options, concat(args, List.of(more)), subcommands, handler, examples,
                exitCodes, hidden);
    }

    @SafeVarargs
    public final Cmd<H> withSubcommands(Cmd<H>... more) {
        return new Cmd<>(name, summary, description, options, args, concat(subcommands, List.of(more)), handler, examples,
                exitCodes, hidden);
    }

    public Cmd<H> runs(H how) {
        return new Cmd<>(name, summary, description, options, args, subcommands, how, examples, exitCodes, hidden);
    }

    public Cmd<H> withExamples(String... lines) {
        return new Cmd<>(name, summary, description, options, args, subcommands, handler, List.of(lines), exitCodes, hidden);
    }

    public Cmd<H> withExitCodes(String... lines) {
        return new Cmd<>(name, summary, description, options, args, subcommands, handler, examples, List.of(lines), hidden);
    }

    public Cmd<H> asHidden() {
        return new Cmd<>(name, summary, description, options, args, subcommands, handler, examples, exitCodes, true);
    }

    public Optional<Cmd<H>> subcommand(String word) {
        for (Cmd<H> command : subcommands) {
            if (command.name.equals(word)) {
                return Optional.of(command);
            }
        }
        return Optional.empty();
    }

    /** the subcommands people see. */
    public List<Cmd<H>> visibleSubcommands() {
        List<Cmd<H>> visible = new ArrayList<>();
        for (Cmd<H> command : subcommands) {
            if (!command.hidden) {
                visible.add(command);
            }
        }
        return visible;
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
