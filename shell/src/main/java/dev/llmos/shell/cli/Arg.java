package dev.llmos.shell.cli;

/**
 * a positional argument of a command.
 *
 * @param label its name in usage lines ({@code ACTION}, {@code KEY=VALUE})
 * @param min how many are required
 * @param max how many are accepted; {@link #MANY} for no limit
 * @param description one sentence for help and the man page
 * @param values what completes it
 */
public record Arg(String label, int min, int max, String description, Values values) {
    public static final int MANY = Integer.MAX_VALUE;

    public Arg {
        if (min < 0 || max < Math.max(min, 1)) {
            throw new IllegalArgumentException("bad arity " + min + ".." + max + " for " + label);
        }
        values = values == null ? Values.NONE : values;
    }

    public static Arg one(String label, Values values, String description) {
        return new Arg(label, 1, 1, description, values);
    }

    public static Arg optional(String label, Values values, String description) {
        return new Arg(label, 0, 1, description, values);
    }

    public static Arg many(String label, int min, Values values, String description) {
        return new Arg(label, min, MANY, description, values);
    }

    /** {@code ACTION}, {@code [TXID]}, {@code TEXT...}, {@code [KEY=VALUE...]}. */
    public String usage() {
        String text = label + (max > 1 ? "..." : "");
        return min == 0 ? "[" + text + "]" : text;
    }
}
