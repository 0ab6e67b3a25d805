package dev.llmos.shell.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * a man page in roff (man(7) macros) from the same {@link Cmd} model that parses the command
 * line, so the page lists exactly the commands, options and exit codes the program has.
 */
public final class ManPage {
    /**
     * what a man page has beyond the command model.
     *
     * @param section the manual section: 1 for user commands, 8 for daemons
     * @param version the program's version, for the footer
     * @param date the page's date, {@code yyyy-mm-dd}
     * @param exitCodes {@code code: meaning} lines
     * @param environment {@code NAME: meaning} lines
     * @param files {@code path: meaning} lines
     * @param seeAlso pages such as {@code llm-osd(8)}
     */
    public record Info(int section, String version, String date, List<String> exitCodes, List<String> environment,
            List<String> files, List<String> seeAlso) {
    }

    private ManPage() {
    }

    public static <H> String render(Cmd<H> root, Info info) {
        StringBuilder out = new StringBuilder();
        String title = root.name().toUpperCase(Locale.ROOT);
        out.append(".TH \"").append(title).append("\" ").append(info.section()).append(" \"").append(info.date())
                .append("\" \"llm-os ").append(info.version()).append("\" \"")
                .append(info.section() == 8 ? "System Administration" : "User Commands").append("\"\n");
        out.append(".SH NAME\n").append(escape(root.name())).append(" \\- ").append(escape(root.summary())).append('\n');
        out.append(".SH SYNOPSIS\n");
        StringBuilder synopsis = new StringBuilder("[OPTIONS]");
        for (Arg arg : root.args()) {
            synopsis.append(' ').append(arg.usage());
        }
        out.append(".B ").append(escape(root.name())).append('\n').append(escape(synopsis.toString())).append('\n');
        if (!root.visibleSubcommands().isEmpty()) {
            out.append(".br\n.B ").append(escape(root.name())).append("\n[OPTIONS] COMMAND [ARGS...]\n");
        }
        out.append(".SH DESCRIPTION\n");
        paragraphs(out, root);
        options(out, ".SH OPTIONS\n", root.options());
        if (!root.visibleSubcommands().isEmpty()) {
            out.append(".SH COMMANDS\n");
            for (Cmd<H> sub : root.visibleSubcommands()) {
                command(out, List.of(root, sub));
            }
        }
        if (!root.examples().isEmpty()) {
            out.append(".SH EXAMPLES\n");
            examples(out, root.examples());
        }
        list(out, ".SH \"EXIT STATUS\"\n", info.exitCodes());
        list(out, ".SH ENVIRONMENT\n", info.environment());
        list(out, ".SH FILES\n", info.files());
        if (!info.seeAlso().isEmpty()) {
            List<String> refs = new ArrayList<>();
            for (String ref : info.seeAlso()) {
                int paren = ref.indexOf('(');
                refs.add(paren < 0 ? ".BR " + escape(ref) : ".BR " + escape(ref.substring(0, paren)) + " " + ref.substring(paren));
            }
            out.append(".SH \"SEE ALSO\"\n").append(String.join(" ,\n", refs)).append('\n');
        }
        return out.toString();
    }

    private static <H> void command(StringBuilder out, List<Cmd<H>> path) {
        Cmd<H> command = path.getLast();
        out.append(".SS \"").append(escape(Help.usage(path)).replace("\"", "\\(dq")).append("\"\n");
        paragraphs(out, command);
        if (!command.args().isEmpty()) {
            for (Arg arg : command.args()) {
                out.append(".TP\n.I ").append(escape(arg.label())).append('\n').append(escape(arg.description())).append('\n');
            }
        }
        options(out, "", command.options());
        if (!command.examples().isEmpty()) {
            out.append(".PP\nExamples:\n");
            examples(out, command.examples());
        }
        if (!command.exitCodes().isEmpty()) {
            out.append(".PP\nExit status:\n");
            for (String line : command.exitCodes()) {
                String[] row = Help.exitCode(line);
                out.append(".TP\n.B ").append(row[0]).append('\n').append(escape(row[1])).append('\n');
            }
        }
        for (Cmd<H> sub : command.visibleSubcommands()) {
            List<Cmd<H>> deeper = new ArrayList<>(path);
            deeper.add(sub);
            command(out, deeper);
        }
    }

    private static void paragraphs(StringBuilder out, Cmd<?> command) {
        out.append(".PP\n").append(escape(command.summary())).append('\n');
        for (String paragraph : command.description()) {
            out.append(".PP\n").append(escape(paragraph)).append('\n');
        }
    }

    private static void options(StringBuilder out, String heading, List<Opt> options) {
        if (options.isEmpty()) {
            return;
        }
        out.append(heading);
        for (Opt option : options) {
            List<String> names = new ArrayList<>();
            for (String name : option.names()) {
                names.add("\\fB" + escape(name) + "\\fR");
            }
            out.append(".TP\n").append(String.join(", ", names));
            if (option.takesValue()) {
                out.append(" \\fI").append(escape(option.label())).append("\\fR");
            }
            out.append('\n').append(escape(option.description())).append('\n');
        }
    }

    private static void examples(StringBuilder out, List<String> examples) {
        out.append(".PP\n.nf\n.RS 4\n");
        for (String example : examples) {
            out.append(escape(example)).append('\n');
        }
        out.append(".RE\n.fi\n");
    }

    private static void list(StringBuilder out, String heading, List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        out.append(heading);
        for (String line : lines) {
            String[] row = Help.exitCode(line);
            out.append(".TP\n.B ").append(escape(row[0])).append('\n').append(escape(row[1])).append('\n');
        }
    }

    /** text safe for roff: backslashes and hyphens escaped, no line starting with a control character. */
    static String escape(String text) {
        String escaped = text.replace("\\", "\\e").replace("-", "\\-");
        StringBuilder out = new StringBuilder();
        for (String line : escaped.split("\n", -1)) {
            if (!out.isEmpty()) {
                out.append('\n');
            }
            if (line.startsWith(".") || line.startsWith("'")) {
                out.append("\\&");
            }
            out.append(line);
        }
        return out.toString();
    }
}
