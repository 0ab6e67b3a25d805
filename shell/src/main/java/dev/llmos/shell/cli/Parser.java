package dev.llmos.shell.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * parses a command line against a {@link Cmd} tree: options anywhere ({@code --name value},
 * {@code --name=value}, {@code -n value}, {@code -nvalue}), the root's global options at every
 * level, {@code --} ends options, a first positional word that names a subcommand selects it.
 * anything it cannot place is a {@link UsageException} with what was probably meant; nothing
 * runs then.
 */
public final class Parser {
    /** the help option's key; every command accepts it. */
    public static final String HELP = "--help";
    /** the version option's key (the root's only). */
    public static final String VERSION = "--version";

    private Parser() {
    }

    public static <H> Parsed<H> parse(Cmd<H> root, List<String> tokens) throws UsageException {
        List<Cmd<H>> path = new ArrayList<>(List.of(root));
        Map<String, List<String>> options = new HashMap<>();
        List<String> positionals = new ArrayList<>();
        boolean endOfOptions = false;
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            Cmd<H> command = path.getLast();
            if (!endOfOptions && token.equals("--")) {
                endOfOptions = true;
                continue;
            }
            if (!endOfOptions && isOption(token)) {
                int eq = token.startsWith("--") ? token.indexOf('=') : -1;
                String name = eq > 0 ? token.substring(0, eq) : token;
                Opt option = find(root, command, name);
                String inline = eq > 0 ? token.substring(eq + 1) : null;
                if (option == null && !token.startsWith("--") && token.length() > 2) {
                    // -n5: a short option with its value attached
                    option = find(root, command, token.substring(0, 2));
                    if (option != null && option.takesValue()) {
                        inline = token.substring(2);
                    } else {
                        option = null;
                    }
                }
                if (option == null) {
                    throw new UsageException("unknown option '" + name + "'" + where(path), path,
                            Suggest.closest(name, optionNames(root, command)));
                }
                if (option.key().equals(HELP)) {
                    return new Parsed<>(path, options, Map.of(), Parsed.Request.HELP);
                }
                if (option.key().equals(VERSION)) {
                    return new Parsed<>(path, options, Map.of(), Parsed.Request.VERSION);
                }
                String value = "";
                if (option.takesValue()) {
                    if (inline == null) {
                        if (i + 1 >= tokens.size()) {
                            throw new UsageException("option '" + name + "' needs a value (" + option.label() + ")", path,
                                    List.of());
                        }
                        inline = tokens.get(++i);
                    }
                    value = checked(option, inline, path);
                } else if (inline != null) {
                    throw new UsageException("option '" + name + "' takes no value", path, List.of());
                }
                options.computeIfAbsent(option.key(), k -> new ArrayList<>()).add(value);
                continue;
            }
            if (positionals.isEmpty() && !command.subcommands().isEmpty()) {
                var sub = command.subcommand(token);
                if (sub.isPresent()) {
                    path.add(sub.get());
                    continue;
                }
                if (command.args().isEmpty()) {
                    List<String> names = new ArrayList<>();
                    command.visibleSubcommands().forEach(c -> names.add(c.name()));
                    throw new UsageException("unknown command '" + token + "'" + where(path), path,
                            Suggest.closest(token, names));
                }
            }
            positionals.add(token);
        }
        Cmd<H> command = path.getLast();
        if (command.handler() == null && !command.subcommands().isEmpty()) {
            List<String> names = new ArrayList<>();
            command.visibleSubcommands().forEach(c -> names.add(c.name()));
            throw new UsageException("'" + spell(path) + "' needs a command: " + String.join(", ", names), path, List.of());
        }
        return new Parsed<>(path, options, assign(command, positionals, path), Parsed.Request.RUN);
    }

    private static boolean isOption(String token) {
        return token.length() > 1 && token.charAt(0) == '-' && !isNumber(token.substring(1));
    }

    /** a negative number is a value, not an option. */
    private static boolean isNumber(String text) {
        boolean digit = false;
        boolean dot = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (c == '.' && !dot && digit) {
                dot = true;
            } else {
                return false;
            }
        }
        return digit;
    }

    private static <H> Map<String, List<String>> assign(Cmd<H> command, List<String> positionals, List<Cmd<H>> path)
            throws UsageException {
        Map<String, List<String>> args = new HashMap<>();
        int next = 0;
        for (Arg arg : command.args()) {
            int available = positionals.size() - next;
            if (available < arg.min()) {
                throw new UsageException(spell(path) + ": missing " + arg.label(), path, List.of());
            }
            int take = Math.min(available, arg.max());
            args.put(arg.label(), List.copyOf(positionals.subList(next, next + take)));
            next += take;
        }
        if (next < positionals.size()) {
            throw new UsageException(spell(path) + ": unexpected argument '" + positionals.get(next) + "'", path, List.of());
        }
        return args;
    }

    private static String checked(Opt option, String value, List<? extends Cmd<?>> path) throws UsageException {
        if (option.values() instanceof Values.Fixed fixed && !fixed.words().isEmpty() && !fixed.words().contains(value)) {
            throw new UsageException("option '" + option.key() + "' takes one of " + String.join(", ", fixed.words())
                    + ", not '" + value + "'", path, Suggest.closest(value, fixed.words()));
        }
        return value;
    }

    /** the option called {@code name} where {@code command} runs: its own, then the root's global ones. */
    public static <H> Opt find(Cmd<H> root, Cmd<H> command, String name) {
        for (Opt option : command.options()) {
            if (option.names().contains(name)) {
                return option;
            }
        }
        for (Opt option : root.options()) {
            if ((option.global() || command == root) && option.names().contains(name)) {
                return option;
            }
        }
        return null;
    }

    /** every option name accepted where {@code command} runs. */
    public static <H> List<String> optionNames(Cmd<H> root, Cmd<H> command) {
        List<String> names = new ArrayList<>();
        for (Opt option : command.options()) {
            names.addAll(option.names());
        }
        if (command != root) {
            for (Opt option : root.options()) {
                if (option.global()) {
                    names.addAll(option.names());
                }
            }
        }
        return names;
    }

    private static String where(List<? extends Cmd<?>> path) {
        return path.size() == 1 ? "" : " for " + spell(path);
    }

    /** {@code llmsh audit tail}. */
    public static String spell(List<? extends Cmd<?>> path) {
        List<String> names = new ArrayList<>();
        path.forEach(c -> names.add(c.name()));
        return String.join(" ", names);
    }
}
