package dev.llmos.shell.cli;

import java.util.List;
import java.util.Map;

/**
 * a parsed command line.
 *
 * @param path the commands selected, from the root to the one to run
 * @param options option values by the option's key (its first name); a flag given maps to an
 *     empty string per occurrence
 * @param args positional values by the argument's label
 * @param request what was asked for: run the command, or its help, or the version
 * @param <H> the application's handler type
 */
public record Parsed<H>(List<Cmd<H>> path, Map<String, List<String>> options, Map<String, List<String>> args,
        Request request) {
    /** what the command line asks for. */
    public enum Request {
        RUN,
        HELP,
        VERSION
    }

    public Parsed {
        path = List.copyOf(path);
        options = Map.copyOf(options);
        args = Map.copyOf(args);
    }

    public Cmd<H> command() {
        return path.getLast();
    }

    public boolean flag(String key) {
        return options.containsKey(key);
    }

    /** the last value given for an option, or null. */
    public String value(String key) {
        List<String> values = options.get(key);
        return values == null ? null : values.getLast();
    }

    public String value(String key, String fallback) {
        String value = value(key);
        return value == null ? fallback : value;
    }

    /** the one value of a positional argument, or null when it was not given. */
    public String arg(String label) {
        List<String> values = args.get(label);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    /** every value of a positional argument (empty when none was given). */
    public List<String> argList(String label) {
        return args.getOrDefault(label, List.of());
    }
}
