package dev.llmos.shell;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code llmsh}: entry point; maps every outcome to the documented exit codes. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // picocli otherwise looks for groovy's closure class through every jar on the class path (about
        // 35 ms of a one-shot run); llmsh has no groovy annotations
        System.setProperty("picocli.disable.closures", "true");
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        if ("1".equals(System.getenv("LLMOS_AOT_TRAINING"))) {
            Training.run(out);
        }
        int status = run(args, System.getenv(), System.console() != null && System.console().isTerminal(), out, err);
        out.flush();
        err.flush();
        System.exit(status);
    }

    static int run(String[] args, Map<String, String> env, boolean interactive, PrintWriter out, PrintWriter err) {
        try (Session session = new Session()) {
            return commandLine(new Llmsh(env, interactive, session), out, err, args).execute(args);
        }
    }

    /**
     * the command tree for {@code args}, shared by one-shot runs and the repl. building picocli's model
     * of a subcommand costs start-up time, so a run that names one gets only that one; help, the repl
     * and anything unclear get them all, and plain words (no subcommand) get none.
     */
    static CommandLine commandLine(Llmsh root, PrintWriter out, PrintWriter err, String[] args) {
        CommandLine cli = new CommandLine(root);
        for (Class<?> command : subcommandsFor(args)) {
            cli.addSubcommand(command);
        }
        cli.setOut(out);
        cli.setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof CliException failure) {
                return root.fail(failure);
            }
            err.println("llmsh: unexpected error: " + e);
            return ExitCodes.ACTION_FAILED;
        });
        cli.setParameterExceptionHandler((e, rejected) -> {
            err.println("llmsh: " + e.getMessage());
            e.getCommandLine().usage(err);
            return ExitCodes.USAGE;
        });
        return cli;
    }

    /** the subcommands a run with {@code args} may need. */
    static List<Class<?>> subcommandsFor(String[] args) {
        String first = null;
        for (int i = 0; i < args.length && first == null; i++) {
            String arg = args[i];
            if (arg.equals("--socket")) {
                i++;
            } else if (arg.equals("-h") || arg.equals("--help")) {
                return Llmsh.SUBCOMMANDS;
            } else if (arg.equals("-V") || arg.equals("--version")) {
                return List.of();
            } else if (!arg.startsWith("-")) {
                first = arg;
            }
        }
        if (first == null) {
            return Llmsh.SUBCOMMANDS;
        }
        for (Class<?> command : Llmsh.SUBCOMMANDS) {
            if (command.getAnnotation(Command.class).name().equals(first)) {
                return command == CommandLine.HelpCommand.class ? Llmsh.SUBCOMMANDS : List.of(command);
            }
        }
        return List.of();
    }
}
