package dev.llmos.shell;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.protocol.RpcError;
import dev.llmos.shell.cli.Parsed;
import dev.llmos.shell.render.Layout;
import dev.llmos.shell.render.Pager;
import dev.llmos.shell.render.Render;
import dev.llmos.shell.render.Screen;
import dev.llmos.shell.render.Style;
import dev.llmos.shell.render.Terminal;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * what every command runs with: the global options, the environment, the terminal, the screens
 * for output and errors, and the session with the daemon (shared by all lines of a repl).
 */
final class Context {
    final Path socket;
    /** {@code --host} as given (null when absent; empty for this machine even with {@code $LLMOS_HOST}). */
    final String host;
    final boolean json;
    final boolean yes;
    final String confirm;
    final boolean noAutostart;
    final Terminal.ColorMode color;
    final boolean noPager;

    private final Map<String, String> env;
    private final Terminal terminal;
    private final Session session;
    private final OutputStream stdout;
    private final OutputStream stderr;
    private final Screen out;
    private final Screen err;
    private final boolean inRepl;

    Context(Parsed<Handler> line, Map<String, String> env, Terminal terminal, Session session, OutputStream stdout,
            OutputStream stderr, boolean inRepl) {
        String socketPath = line.value(Commands.SOCKET);
        this.socket = socketPath == null ? null : Path.of(socketPath);
        this.host = line.value(Commands.HOST);
        this.json = line.flag(Commands.JSON);
        this.yes = line.flag(Commands.YES);
        this.confirm = line.value(Commands.CONFIRM);
        this.noAutostart = line.flag(Commands.NO_AUTOSTART);
        this.color = switch (line.value(Commands.COLOR, "auto")) {
            case "always" -> Terminal.ColorMode.ALWAYS;
            case "never" -> Terminal.ColorMode.NEVER;
            default -> Terminal.ColorMode.AUTO;
        };
        this.noPager = line.flag(Commands.NO_PAGER);
        this.env = env;
        this.terminal = terminal;
        this.session = session;
        this.inRepl = inRepl;
        this.stdout = stdout;
        this.stderr = stderr;
        boolean page = !json && !noPager && terminal.isTty(1);
        this.out = new Screen(stdout, terminal.color(1, color), page ? new Pager(env, terminal.height()) : null);
        this.err = new Screen(stderr, terminal.color(2, color), null);
    }

    Screen out() {
        return out;
    }

    Screen err() {
        return err;
    }

    /** the raw streams, for the repl to run its lines with. */
    OutputStream stdout() {
        return stdout;
    }

    OutputStream stderr() {
        return stderr;
    }

    Map<String, String> env() {
        return env;
    }

    Terminal terminal() {
        return terminal;
    }

    Session session() {
        return session;
    }

    /** whether a person can answer prompts: stdin is a terminal. */
    boolean interactive() {
        return terminal.isTty(0);
    }

    boolean inRepl() {
        return inRepl;
    }

    /** the layout for stdout: its terminal's width (none for a file or pipe), now, the local zone. */
    Layout layout() {
        return Layout.of(terminal.width(1));
    }

    /** the layout for what goes to stderr (prompts, previews). */
    Layout errLayout() {
        return Layout.of(terminal.width(2));
    }

    /** how to reach the daemon: this machine's, or a remote host's through ssh. */
    Connector connector() {
        return new Connector(socket, host, !noAutostart, env);
    }

    /** the remote host commands go to ({@code --host}, else {@code $LLMOS_HOST}), or null for this machine. */
    String remoteHost() {
        return Connector.host(host, env);
    }

    /** what ~ and relative paths mean where the daemon is. */
    Places places() throws CliException {
        SshTunnel tunnel = connector().tunnel();
        return tunnel == null ? Places.local(Path.of("").toAbsolutePath(), env) : Places.remote(tunnel);
    }

    JsonNode call(String method, JsonNode params) throws CliException {
        DaemonClient client = session.client(connector());
        if (!interactive() || json || !terminal.isTty(2)) {
            return client.call(method, params, progress -> { });
        }
        ProgressLine progress = new ProgressLine(err);
        try {
            return client.call(method, params, progress);
        } finally {
            progress.finish();
        }
    }

    static ObjectNode params() {
        return JsonCodec.object();
    }

    /** prints a result as --json asks, or with {@code human} otherwise. */
    void print(JsonNode result, Consumer<Screen> human) {
        if (json) {
            printJson(result);
        } else {
            human.accept(out);
        }
    }

    void printJson(JsonNode document) {
        byte[] bytes = JsonCodec.bytes(document);
        byte[] line = java.util.Arrays.copyOf(bytes, bytes.length + 1);
        line[bytes.length] = '\n';
        out.bytes(line);
    }

    /** renders any json value for people on stdout. */
    void render(JsonNode value) {
        Render.value(out, value, layout());
    }

    /** reports a failure: the error object on stdout with --json, a message on stderr otherwise. */
    int fail(CliException e) {
        RpcError error = e.error();
        if (json) {
            ObjectNode node = JsonCodec.object();
            if (error != null) {
                node.put("code", error.code()).put("message", error.message());
                if (error.data() != null) {
                    node.set("data", error.data());
                }
            } else {
                node.put("message", e.getMessage()).put("exit_code", e.exitCode());
            }
            printJson(node);
            return e.exitCode();
        }
        out.finish();
        err.print(Style.BOLD_RED, "llmsh:").println(" " + e.getMessage());
        if (error != null && error.data() != null && error.data().hasNonNull("stderr")) {
            err.println(error.data().get("stderr").asText().stripTrailing());
        }
        for (String line : e.details()) {
            err.println(line);
        }
        err.flush();
        return e.exitCode();
    }

    /** ends the command's output: held output goes out (through the pager when long). */
    void finish() {
        out.finish();
        err.flush();
    }
}
