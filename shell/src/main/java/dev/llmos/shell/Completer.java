package dev.llmos.shell;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.protocol.Methods;
import dev.llmos.shell.cli.Arg;
import dev.llmos.shell.cli.Cmd;
import dev.llmos.shell.cli.Opt;
import dev.llmos.shell.cli.Parser;
import dev.llmos.shell.cli.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * what can come next on an llmsh command line, from the {@link Commands} model and, for action
 * names, params and transaction ids, from the daemon: one engine for the bash, zsh and fish
 * scripts ({@code llmsh __complete}) and the repl.
 */
final class Completer {
    /** one candidate word, with a short description (may be empty). */
    record Candidate(String value, String description) {
    }

    /**
     * the candidates and how the shell should treat the word.
     *
     * @param files complete file names for the word, after {@code filesPrefix} (e.g. {@code path=})
     * @param noSpace no space after the word (a {@code key=} waits for its value)
     */
    record Result(List<Candidate> candidates, boolean files, String filesPrefix, boolean noSpace) {
    }

    private final Cmd<Handler> root;
    private final Supplier<List<JsonNode>> catalog;
    private final Supplier<List<String>> txids;

    /**
     * @param catalog the daemon's actions (empty when it cannot be asked)
     * @param txids what can be undone (empty when the daemon cannot be asked)
     */
    Completer(Cmd<Handler> root, Supplier<List<JsonNode>> catalog, Supplier<List<String>> txids) {
        this.root = root;
        this.catalog = memo(catalog);
        this.txids = memo(txids);
    }

    private static <T> Supplier<T> memo(Supplier<T> source) {
        return new Supplier<>() {
            private T value;

            @Override
            public T get() {
                if (value == null) {
                    value = source.get();
                }
                return value;
            }
        };
    }

    /** completes the last of {@code words} (the words after {@code llmsh}; the last may be empty). */
    Result complete(List<String> words) {
        Cmd<Handler> command = root;
        List<String> positionals = new ArrayList<>();
        Opt pending = null;
        boolean endOfOptions = false;
        for (String word : words.subList(0, Math.max(0, words.size() - 1))) {
            if (pending != null) {
                pending = null;
            } else if (!endOfOptions && word.equals("--")) {
                endOfOptions = true;
            } else if (!endOfOptions && word.startsWith("-") && word.length() > 1) {
                Opt option = Parser.find(root, command, word.contains("=") ? word.substring(0, word.indexOf('=')) : word);
                if (option != null && option.takesValue() && !word.contains("=")) {
                    pending = option;
                }
            } else if (positionals.isEmpty() && command.subcommand(word).isPresent()) {
                command = command.subcommand(word).get();
            } else {
                positionals.add(word);
            }
        }
        String current = words.isEmpty() ? "" : words.getLast();
        List<Candidate> out = new ArrayList<>();
        if (pending != null) {
            return values(pending.values(), current, positionals, out);
        }
        if (!endOfOptions && current.startsWith("-")) {
            for (String name : Parser.optionNames(root, command)) {
                Opt option = Parser.find(root, command, name);
                out.add(new Candidate(name, option.description()));
            }
            return filtered(new Result(out, false, "", false), current);
        }
        if (positionals.isEmpty()) {
            for (Cmd<Handler> sub : command.visibleSubcommands()) {
                out.add(new Candidate(sub.name(), sub.summary()));
            }
        }
        Arg arg = argAt(command, positionals.size());
        if (arg == null || command == root) {
            return filtered(new Result(out, false, "", false), current);
        }
        return values(arg.values(), current, positionals, out);
    }

    private static Arg argAt(Cmd<Handler> command, int index) {
        List<Arg> args = command.args();
        int at = 0;
        for (Arg arg : args) {
            if (arg.max() == Arg.MANY || index < at + arg.max()) {
                return arg;
            }
            at += arg.max();
        }
        return null;
    }

    private Result values(Values values, String current, List<String> positionals, List<Candidate> out) {
        switch (values) {
            case Values.Fixed fixed -> fixed.words().forEach(w -> out.add(new Candidate(w, "")));
            case Values.Dynamic dynamic -> {
                switch (dynamic.kind()) {
                    case "files" -> {
                        return new Result(out, true, "", false);
                    }
                    case "actions" -> catalog.get().forEach(a -> out.add(new Candidate(a.path("name").asText(),
                            a.path("description").asText())));
                    case "txids" -> txids.get().forEach(t -> out.add(new Candidate(t, "")));
                    case "commands" -> root.visibleSubcommands().forEach(c -> out.add(new Candidate(c.name(), c.summary())));
                    case "params" -> {
                        return params(positionals.isEmpty() ? null : positionals.getFirst(), current, out);
                    }
                    default -> {
                        // an unknown kind completes nothing
                    }
                }
            }
        }
        return filtered(new Result(out, false, "", false), current);
    }

    /** {@code key=} for each param of the action; after {@code key=}, the values the schema allows. */
    private Result params(String action, String current, List<Candidate> out) {
        JsonNode entry = null;
        for (JsonNode candidate : catalog.get()) {
            if (candidate.path("name").asText().equals(action)) {
                entry = candidate;
            }
        }
        if (entry == null) {
            return new Result(out, false, "", false);
        }
        JsonNode properties = entry.path("params_schema").path("properties");
        int eq = current.indexOf('=');
        if (eq < 0) {
            for (Map.Entry<String, JsonNode> property : properties.properties()) {
                out.add(new Candidate(property.getKey() + "=", property.getValue().path("description").asText()));
            }
            return filtered(new Result(out, false, "", true), current);
        }
        String key = current.substring(0, eq + 1);
        String name = current.substring(0, eq);
        for (JsonNode path : entry.path("path_params")) {
            if (path.asText().equals(name)) {
                return new Result(out, true, key, false);
            }
        }
        JsonNode property = properties.path(name);
        property.path("enum").forEach(v -> out.add(new Candidate(key + v.asText(), "")));
        if (property.path("type").asText().equals("boolean")) {
            out.add(new Candidate(key + "true", ""));
            out.add(new Candidate(key + "false", ""));
        }
        return filtered(new Result(out, false, "", false), current);
    }

    private static Result filtered(Result result, String current) {
        List<Candidate> kept = new ArrayList<>();
        for (Candidate candidate : result.candidates()) {
            if (candidate.value().startsWith(current)) {
                kept.add(candidate);
            }
        }
        return new Result(kept, result.files(), result.filesPrefix(), result.noSpace());
    }

    /** the catalog from the daemon, or nothing when it cannot be asked. */
    static Supplier<List<JsonNode>> catalogOf(Context context) {
        return () -> {
            List<JsonNode> entries = new ArrayList<>();
            try {
                context.call(Methods.ACTIONS_LIST, Context.params()).path("actions").forEach(entries::add);
            } catch (CliException e) {
                // no daemon: complete what the model knows
            }
            return entries;
        };
    }

    /** what can be undone, from the daemon, or nothing. */
    static Supplier<List<String>> txidsOf(Context context) {
        return () -> {
            List<String> ids = new ArrayList<>();
            try {
                context.call(Methods.UNDO_LIST, Context.params()).path("entries").forEach(e -> {
                    if (e.path("undone_by").isNull()) {
                        ids.add(e.path("txid").asText());
                    }
                });
            } catch (CliException e) {
                // no daemon: nothing to offer
            }
            return ids;
        };
    }
}
