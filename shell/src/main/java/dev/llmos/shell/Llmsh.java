package dev.llmos.shell;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.protocol.Json;
import dev.llmos.protocol.RpcError;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** the root command: global options, the session with the daemon, and natural language. */
@Command(name = "llmsh", mixinStandardHelpOptions = true, versionProvider = Llmsh.Version.class,
        description = {"Operate this machine in plain words or typed actions, through llm-osd.",
            "", "  llmsh what is using my disk", "  llmsh do fs.list path=/tmp", "  llmsh     (interactive shell)"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:ok", "1:action failed", "2:usage or invalid params", "3:denied by policy",
            "4:daemon unavailable", "5:confirmation needed but not given", "6:planner unavailable or plan invalid"})
final class Llmsh implements Callable<Integer> {
    /** the subcommands, in the order help lists them; {@link Main} registers only those a run needs. */
    static final List<Class<?>> SUBCOMMANDS = List.of(AskCommand.class, ReplayCommand.class, PlanCommand.class, ApplyCommand.class,
            ActionsCommand.class, DescribeCommand.class, DoCommand.class, StatusCommand.class, UndoCommand.class,
            AuditCommand.class, PolicyCommand.class, LeaseCommand.class, CommandLine.HelpCommand.class);

    @Option(names = "--socket", paramLabel = "PATH", scope = CommandLine.ScopeType.INHERIT,
            description = "Daemon socket (default: $LLM_OSD_SOCKET, the system socket, then the per-user one).")
    Path socket;

    @Option(names = "--json", scope = CommandLine.ScopeType.INHERIT,
            description = "Print the json-rpc result (or error object) as one json document.")
    boolean json;

    @Option(names = {"-y", "--yes"}, scope = CommandLine.ScopeType.INHERIT,
            description = "Confirm actions that policy says to ask about.")
    boolean yes;

    @Option(names = "--no-autostart", scope = CommandLine.ScopeType.INHERIT,
            description = "Do not start a per-user daemon when none is running.")
    boolean noAutostart;

    @Parameters(paramLabel = "TEXT", arity = "0..*", description = "What you want, in plain words.")
    List<String> text;

    @Spec
    CommandLine.Model.CommandSpec spec;

    private final Map<String, String> env;
    private final boolean interactive;
    private final Session session;

    /**
     * @param interactive whether stdin is a terminal (a repl with no args, prompts for confirmation)
     * @param session the daemon connection, shared by every command of one process or repl
     */
    Llmsh(Map<String, String> env, boolean interactive, Session session) {
        this.env = env;
        this.interactive = interactive;
        this.session = session;
    }

    @Override
    public Integer call() throws CliException {
        if (text == null || text.isEmpty()) {
            if (interactive) {
                return new Repl(this).run();
            }
            spec.commandLine().usage(out());
            return ExitCodes.USAGE;
        }
        return AskCommand.ask(this, String.join(" ", text));
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    Map<String, String> env() {
        return env;
    }

    boolean interactive() {
        return interactive;
    }

    Session session() {
        return session;
    }

    JsonNode call(String method, JsonNode params) throws CliException {
        DaemonClient client = session.client(new Connector(socket, !noAutostart, env));
        if (!interactive || json) {
            return client.call(method, params);
        }
        ProgressLine progress = new ProgressLine(err());
        try {
            return client.call(method, params, progress);
        } finally {
            progress.finish();
        }
    }

    static ObjectNode params() {
        return Json.MAPPER.createObjectNode();
    }

    /** prints a result as --json asks, or with {@code human} otherwise. */
    void print(JsonNode result, java.util.function.Consumer<PrintWriter> human) {
        if (json) {
            out().println(Json.toString(result));
        } else {
            human.accept(out());
        }
        out().flush();
    }

    /** reports a failure: the error object on stdout with --json, a message on stderr otherwise. */
    int fail(CliException e) {
        RpcError error = e.error();
        if (json) {
            ObjectNode node = Json.MAPPER.createObjectNode();
            if (error != null) {
                node.set("error", Json.toTree(error));
            } else {
                node.putObject("error").put("message", e.getMessage()).put("exit_code", e.exitCode());
            }
            out().println(Json.toString(node.get("error")));
            out().flush();
        } else {
            err().println("llmsh: " + e.getMessage());
            if (error != null && error.data() != null && error.data().hasNonNull("stderr")) {
                err().println(error.data().get("stderr").asText().stripTrailing());
            }
            err().flush();
        }
        return e.exitCode();
    }

    /** the version of the shell. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Llmsh.class.getPackage().getImplementationVersion();
            return new String[] {"llmsh " + (version == null ? "dev" : version)};
        }
    }
}
