package dev.llmos.shell.cli;

import java.util.ArrayList;
import java.util.List;

/** a command's help, from the same {@link Cmd} model the parser uses. */
public final class Help {
    private static final int INDENT = 2;
    private static final int MAX_TERM = 28;

    private Help() {
    }

    /** the usage line: {@code llmsh do [OPTIONS] ACTION [KEY=VALUE...]}. */
    public static String usage(List<? extends Cmd<?>> path) {
        Cmd<?> command = path.getLast();
        StringBuilder line = new StringBuilder(Parser.spell(path));
        line.append(" [OPTIONS]");
        boolean subcommands = !command.visibleSubcommands().isEmpty();
        if (subcommands && command.args().isEmpty()) {
            line.append(" COMMAND");
        } else if (subcommands) {
            line.append(" [COMMAND]");
        }
        for (Arg arg : command.args()) {
            line.append(' ').append(arg.usage());
        }
        return line.toString();
    }

    /**
     * the full help of the last command of {@code path}.
     *
     * @param programExitCodes the program's exit codes ({@code 0: ok} lines), listed in every help
     * @param width the terminal width to wrap to
     */
    public static <H> String render(List<Cmd<H>> path, List<String> programExitCodes, int width) {
        Cmd<H> root = path.getFirst();
        Cmd<H> command = path.getLast();
        int w = width < 40 ? 80 : Math.min(width, 120);
        StringBuilder out = new StringBuilder();
        out.append("Usage: ").append(usage(path)).append("\n\n");
        paragraph(out, command.summary(), w);
        for (String paragraph : command.description()) {
            paragraph(out, paragraph, w);
        }
        List<String[]> rows = new ArrayList<>();
        for (Arg arg : command.args()) {
            rows.add(new String[] {arg.label(), arg.description()});
        }
        section(out, "Arguments:", rows, w);
        rows = new ArrayList<>();
        for (Cmd<H> sub : command.visibleSubcommands()) {
            rows.add(new String[] {sub.name(), sub.summary()});
        }
        section(out, "Commands:", rows, w);
        rows = new ArrayList<>();
        for (Opt option : command.options()) {
            rows.add(new String[] {option.spelling(), option.description()});
        }
        section(out, command == root ? "Options:" : "Options:", rows, w);
        if (command != root) {
            rows = new ArrayList<>();
            for (Opt option : root.options()) {
                if (option.global()) {
                    rows.add(new String[] {option.spelling(), option.description()});
                }
            }
            section(out, "Global options:", rows, w);
        }
        if (!command.examples().isEmpty()) {
            out.append("Examples:\n");
            for (String example : command.examples()) {
                out.append("  ").append(example).append('\n');
            }
            out.append('\n');
        }
        rows = new ArrayList<>();
        for (String line : command.exitCodes()) {
            rows.add(exitCode(line));
        }
        for (String line : programExitCodes) {
            String[] row = exitCode(line);
            if (rows.stream().noneMatch(r -> r[0].equals(row[0]))) {
                rows.add(row);
            }
        }
        rows.sort((a, b) -> Integer.compare(Integer.parseInt(a[0]), Integer.parseInt(b[0])));
        section(out, "Exit codes:", rows, w);
        if (!command.visibleSubcommands().isEmpty()) {
            out.append("Run '").append(Parser.spell(path)).append(" COMMAND --help' for a command's help.\n");
        }
        return out.toString().stripTrailing() + "\n";
    }

    /** {@code "3: denied by policy"} as a row. */
    static String[] exitCode(String line) {
        int colon = line.indexOf(':');
        return new String[] {line.substring(0, colon).trim(), line.substring(colon + 1).trim()};
    }

    private static void paragraph(StringBuilder out, String text, int width) {
        if (text == null || text.isEmpty()) {
            return;
        }
        for (String line : Text.wrap(text, width)) {
            out.append(line).append('\n');
        }
        out.append('\n');
    }

    private static void section(StringBuilder out, String heading, List<String[]> rows, int width) {
        if (rows.isEmpty()) {
            return;
        }
        out.append(heading).append('\n');
        int term = 0;
        for (String[] row : rows) {
            if (row[0].length() <= MAX_TERM) {
                term = Math.max(term, row[0].length());
            }
        }
        int column = INDENT + term + 2;
        for (String[] row : rows) {
            String head = " ".repeat(INDENT) + row[0];
            List<String> text = Text.wrap(row[1], Math.max(20, width - column));
            if (row[0].length() > term) {
                out.append(head).append('\n');
                head = "";
            }
            for (String line : text) {
                out.append(Text.pad(head, column)).append(line).append('\n');
                head = "";
            }
        }
        out.append('\n');
    }
}
