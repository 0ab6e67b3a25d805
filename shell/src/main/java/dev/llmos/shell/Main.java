package dev.llmos.shell;

import dev.llmos.shell.cli.Cmd;
import dev.llmos.shell.cli.Help;
import dev.llmos.shell.cli.Parsed;
import dev.llmos.shell.cli.Parser;
import dev.llmos.shell.cli.UsageException;
import dev.llmos.shell.render.Screen;
import dev.llmos.shell.render.Style;
import dev.llmos.shell.render.Terminal;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * {@code llmsh}: entry point. parses the command line against {@link Commands}' model, runs the
 * command, and maps every outcome to the documented exit codes. a one-shot run touches neither
 * picocli nor jackson's {@code ObjectMapper}: start-up is most of its time.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // the jdk's unix socket set-up (its security properties file, about 5 ms interpreted) on another
        // core while this thread reads the command line; the first connection waits for it
        Thread.ofPlatform().daemon().start(UnixSockets::prepare);
        // utf-8 whatever the locale: --json must carry the daemon's exact text
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), false, StandardCharsets.UTF_8);
        if ("1".equals(System.getenv("LLMOS_AOT_TRAINING"))) {
            Training.run();
        }
        // the session's connection is not closed here: the process ends right after and the kernel
        // closes the socket as it would, where closing a connected channel first initialises nio's
        // inet socket support (`sun.nio.ch.Net`: ipv6 probing, inet addresses), a few ms for nothing
        Session session = new Session();
        int status = run(List.of(args), System.getenv(), new Terminal(System.getenv()), session, out, err, false);
        out.flush();
        err.flush();
        // halt, not exit: `System.exit` logs the exit through `System.Logger`, whose first use scans
        // every jar on the class path for a logger service (tens of ms); everything is flushed and
        // nothing of llmsh's needs a shutdown hook
        Runtime.getRuntime().halt(status);
    }

    /** runs one command line; the repl calls this for every line it reads, with the same session. */
    static int run(List<String> args, Map<String, String> env, Terminal terminal, Session session, OutputStream out,
            OutputStream err, boolean inRepl) {
        Cmd<Handler> root = Commands.root();
        Parsed<Handler> line;
        try {
            line = Parser.parse(root, args);
            if (line.flag(Commands.YES) && line.value(Commands.CONFIRM) != null) {
                throw new UsageException("give --yes or --confirm TOKEN, not both", line.path(), List.of());
            }
        } catch (UsageException e) {
            return usageError(e, args, terminal, out, err);
        }
        Context context = new Context(line, env, terminal, session, out, err, inRepl);
        try {
            return switch (line.request()) {
                case HELP -> {
                    context.out().print(Help.render(line.path(), ExitCodes.DOCUMENTED, terminal.width(1)));
                    yield ExitCodes.OK;
                }
                case VERSION -> {
                    context.out().println("llmsh " + version());
                    yield ExitCodes.OK;
                }
                case RUN -> line.command().handler().run(context, line);
            };
        } catch (CliException e) {
            return context.fail(e);
        } finally {
            context.finish();
        }
    }

    private static int usageError(UsageException e, List<String> args, Terminal terminal,
            OutputStream out, OutputStream err) {
        boolean json = args.contains(Commands.JSON);
        if (json) {
            Screen screen = new Screen(out, false, null);
            screen.bytes((JsonCodec.text(JsonCodec.object().put("message", e.getMessage())
                    .put("exit_code", ExitCodes.USAGE)) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        Screen screen = new Screen(err, terminal.color(2, Terminal.ColorMode.AUTO), null);
        screen.print(Style.BOLD_RED, "llmsh:").println(" " + e.getMessage());
        screen.println("(see '" + Parser.spell(e.path()) + " --help')");
        screen.flush();
        return ExitCodes.USAGE;
    }

    static String version() {
        String version = Main.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
