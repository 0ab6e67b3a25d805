package dev.llmos.shell.cli;

import java.util.List;

/**
 * one option of a command.
 *
 * @param names every spelling, long first ({@code --limit}, {@code -n}); the first is its key
 * @param label the value's label ({@code N}, {@code PATH}), or null for a flag
 * @param description one sentence, as help and the man page print it
 * @param values what completes the value
 * @param global whether it is accepted by every command (the root's options marked so)
 */
public record Opt(List<String> names, String label, String description, Values values, boolean global) {
    public Opt {
        names = List.copyOf(names);
        if (names.isEmpty()) {
            throw new IllegalArgumentException("an option needs a name");
        }
        values = values == null ? Values.NONE : values;
    }

    /** a flag of one command. */
    public static Opt flag(String description, String... names) {
        return new Opt(List.of(names), null, description, Values.NONE, false);
    }

    /** an option with a value. */
    public static Opt value(String label, Values values, String description, String... names) {
        return new Opt(List.of(names), label, description, values, false);
    }

    /** the same option, accepted by every command. */
    public Opt asGlobal() {
        return new Opt(names, label, description, values, true);
    }

    public String key() {
        return names.getFirst();
    }

    public boolean takesValue() {
        return label != null;
    }

    /** {@code -n, --limit N} as help lists it. */
    public String spelling() {
        List<String> shortFirst = names.stream().sorted((a, b) -> Boolean.compare(a.startsWith("--"), b.startsWith("--"))).toList();
        return String.join(", ", shortFirst) + (label == null ? "" : " " + label);
    }
}
