package dev.llmos.mcp;

import dev.llmos.shell.Connector;
import java.io.PrintWriter;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * the mcp server's process, started by {@code llmsh mcp} (which has parsed and checked its command
 * line: {@code [--socket PATH] [--no-autostart] [--http] [--listen WHERE] [--token-file FILE]}).
 * each connection to the daemon is opened through llmsh's own connector, so a per-user daemon that
 * exited when idle is started again, as for any llmsh command.
 */
public final class McpMain {
    private McpMain() {
    }

    public static void main(String[] args) throws Exception {
        Path socket = null;
        boolean autostart = true;
        boolean http = false;
        String listen = null;
        Path tokenFile = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--socket" -> socket = Path.of(args[++i]);
                case "--no-autostart" -> autostart = false;
                case "--http" -> http = true;
                case "--listen" -> listen = args[++i];
                case "--token-file" -> tokenFile = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i] + " (run it as llmsh mcp)");
            }
        }
        Map<String, String> env = System.getenv();
        Connector connector = new Connector(socket, autostart, env);
        DaemonLink.Opener opener = () -> SocketChannel.open(UnixDomainSocketAddress.of(connector.liveSocket()));
        List<String> llmsh = new ArrayList<>(List.of("llmsh"));
        if (socket != null) {
            llmsh.addAll(List.of("--socket", socket.toString()));
        }
        String version = McpMain.class.getPackage().getImplementationVersion();
        McpServe.Settings settings = new McpServe.Settings(opener, llmsh, version == null ? "dev" : version);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int status;
        if (!http) {
            status = McpServe.stdio(settings, System.in, System.out, err);
        } else {
            Listen where;
            try {
                where = listen == null ? Listen.DEFAULT : Listen.parse(listen);
            } catch (IllegalArgumentException e) {
                err.println("llmsh mcp: --listen: " + e.getMessage());
                System.exit(2);
                return;
            }
            status = McpServe.http(settings, where, tokenFile != null ? tokenFile : McpServe.defaultTokenFile(env), err);
        }
        err.flush();
        // the sdk and jetty leave non-daemon threads behind: the exit status is the server's
        System.exit(status);
    }
}
