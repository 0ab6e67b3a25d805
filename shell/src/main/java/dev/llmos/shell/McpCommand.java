package dev.llmos.shell;

import dev.llmos.mcp.DaemonLink;
import dev.llmos.mcp.Listen;
import dev.llmos.mcp.McpServe;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code llmsh mcp}: every action as an mcp tool, through the same daemon, policy and audit as llmsh. */
@Command(name = "mcp", description = {"Serve every action to MCP clients, under the same policy, confirmation and audit.",
    "stdio by default (how clients start local servers); --http serves streamable http on loopback or a unix"
        + " socket, behind a bearer token. See docs/mcp.md."})
final class McpCommand implements Callable<Integer> {
    @ParentCommand
    Llmsh root;

    @Option(names = "--http", description = "Serve streamable http instead of stdio.")
    boolean http;

    @Option(names = "--listen", paramLabel = "HOST:PORT|unix:PATH",
            description = "Where --http listens: a loopback address or a unix socket (default 127.0.0.1:"
                    + Listen.DEFAULT_PORT + ").")
    String listen;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "The bearer token --http requires (default $XDG_CONFIG_HOME/llm-os/mcp-token, made 0600 on first use).")
    Path tokenFile;

    @Override
    public Integer call() throws Exception {
        if (!http && (listen != null || tokenFile != null)) {
            throw new CliException(ExitCodes.USAGE, "--listen and --token-file go with --http");
        }
        Connector connector = new Connector(root.socket, !root.noAutostart, root.env());
        DaemonLink.Opener opener = () -> {
            Path socket;
            try (DaemonClient client = connector.open()) {
                socket = client.socket();
            } catch (CliException e) {
                throw new IOException(e.getMessage(), e);
            }
            return SocketChannel.open(UnixDomainSocketAddress.of(socket));
        };
        List<String> llmsh = root.socket == null ? List.of("llmsh") : List.of("llmsh", "--socket", root.socket.toString());
        String version = Llmsh.class.getPackage().getImplementationVersion();
        McpServe.Settings settings = new McpServe.Settings(opener, llmsh, version == null ? "dev" : version);
        if (!http) {
            return McpServe.stdio(settings, System.in, System.out, root.err());
        }
        Listen where;
        try {
            where = listen == null ? Listen.DEFAULT : Listen.parse(listen);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, "--listen: " + e.getMessage());
        }
        return McpServe.http(settings, where, tokenFile != null ? tokenFile : McpServe.defaultTokenFile(root.env()), root.err());
    }
}
