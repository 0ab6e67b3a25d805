package dev.llmos.shell;

import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;

/** {@code llmsh}: entry point; maps every outcome to the documented exit codes. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
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
            return commandLine(new Llmsh(env, interactive, session), out, err).execute(args);
        }
    }

    /** the command tree, shared by one-shot runs and the repl. */
    static CommandLine commandLine(Llmsh root, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(root);
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
        cli.setParameterExceptionHandler((e, args) -> {
            err.println("llmsh: " + e.getMessage());
            e.getCommandLine().usage(err);
            return ExitCodes.USAGE;
        });
        return cli;
    }
}
