package dev.llmos.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmos.protocol.RpcException;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@code llmsh mcp}: an mcp server whose tools are llm-osd's actions, over stdio (how clients
 * start local servers) or streamable http (opt-in, loopback or a unix socket, bearer token). the
 * protocol is the official java sdk's; this module adds the mapping to llm-osd.
 */
public final class McpServe {
    /** the json mapper of every sdk object: plain jackson, {@code camelCase} as mcp spells it. */
    static final McpJsonMapper JSON = new JacksonMcpJsonMapper(new ObjectMapper());
    /** how long a person has to answer a confirmation; the daemon's token lives as long. */
    static final Duration CONFIRM_WAIT = Duration.ofMinutes(5);
    static final String INSTRUCTIONS = """
            These tools are llm-os actions on this Linux machine. Each runs as the user who started this \
            server, through llm-osd: parameters are validated against the schema, llm-os policy allows, \
            asks or denies, and every decision is audited. When policy asks, the user confirms in the \
            client if it supports elicitation; otherwise the tool error carries a preview and the llmsh \
            command the user can run. Changes can be undone (resource llmos://undo/list).""";

    /** exit status: the daemon could not be reached or its catalog read (as llmsh's 4). */
    public static final int DAEMON_UNAVAILABLE = 4;

    /**
     * what both transports need.
     *
     * @param opener connects to llm-osd (the shell's connector: explicit socket, system, per-user, autostart)
     * @param llmsh the llmsh command line a person runs to reach the same daemon
     * @param version this program's version, as {@code serverInfo}
     */
    public record Settings(DaemonLink.Opener opener, List<String> llmsh, String version) {
    }

    private McpServe() {
    }

    /** where {@code --http} keeps its bearer token unless told otherwise. */
    public static Path defaultTokenFile(java.util.Map<String, String> env) {
        return BearerToken.defaultFile(env);
    }

    /** serves one client on {@code in}/{@code out} until it closes {@code in}. */
    public static int stdio(Settings settings, InputStream in, OutputStream out, PrintWriter err) throws InterruptedException {
        InFlight inFlight = new InFlight();
        StdioTap tap = new StdioTap(in, out, new InboundTap(inFlight), err);
        try (DaemonLink link = new DaemonLink(settings.opener())) {
            Parts parts = Parts.load(link, inFlight, settings, err);
            if (parts == null) {
                return DAEMON_UNAVAILABLE;
            }
            McpSyncServer server = parts.configure(McpServer.sync(new StdioServerTransportProvider(JSON, tap, out)), settings)
                    .build();
            parts.calls.attach(server);
            tap.ended().await();
            server.closeGracefully();
        }
        return 0;
    }

    /** serves streamable http on {@code listen} until the process is stopped. */
    public static int http(Settings settings, Listen listen, Path tokenFile, PrintWriter err) throws Exception {
        BearerToken token;
        try {
            token = BearerToken.loadOrCreate(tokenFile);
        } catch (IOException e) {
            err.println("llmsh mcp: bearer token: " + e.getMessage());
            return 1;
        }
        InFlight inFlight = new InFlight();
        try (DaemonLink link = new DaemonLink(settings.opener()); HttpEndpoint endpoint = HttpEndpoint.bind(listen)) {
            Parts parts = Parts.load(link, inFlight, settings, err);
            if (parts == null) {
                return DAEMON_UNAVAILABLE;
            }
            var transport = HttpEndpoint.transport();
            // each http request has its own (virtual) thread, which may block: run tools right there
            // rather than hand them to the sdk's worker pool (over stdio that would block the one reader)
            McpSyncServer server = parts.configure(McpServer.sync(transport), settings).immediateExecution(true).build();
            parts.calls.attach(server);
            endpoint.serve(transport, token, new InboundTap(inFlight));
            err.println("llmsh mcp: serving " + endpoint.url() + " (send Authorization: Bearer, the token in "
                    + tokenFile + ")");
            err.flush();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.closeGracefully();
                try {
                    endpoint.close();
                } catch (Exception e) {
                    // exiting anyway
                }
            }));
            endpoint.join();
        }
        return 0;
    }

    /** the catalog read from the daemon, and the tool calls and resources built on it. */
    private record Parts(Catalog catalog, ToolCalls calls, List<McpSchema.Tool> tools, DaemonLink link) {
        static Parts load(DaemonLink link, InFlight inFlight, Settings settings, PrintWriter err) throws InterruptedException {
            Catalog catalog = new Catalog(link);
            List<McpSchema.Tool> tools;
            try {
                tools = catalog.load();
            } catch (IOException | RpcException e) {
                err.println("llmsh mcp: cannot read the action catalog from llm-osd: " + e.getMessage());
                err.flush();
                return null;
            }
            for (String clash : catalog.names().clashes()) {
                err.println("llmsh mcp: left out, their tool names clash: " + clash);
            }
            err.flush();
            return new Parts(catalog, new ToolCalls(link, catalog, inFlight, settings.llmsh()), tools, link);
        }

        <S extends McpServer.SyncSpecification<S>> McpServer.SyncSpecification<S> configure(
                McpServer.SyncSpecification<S> spec, Settings settings) {
            return spec.serverInfo("llm-os", settings.version())
                    .instructions(INSTRUCTIONS)
                    .capabilities(McpSchema.ServerCapabilities.builder().tools(true).resources(false, false).logging().build())
                    .jsonMapper(JSON)
                    .jsonSchemaValidator(new SchemaValidator())
                    .validateToolInputs(false)
                    .requestTimeout(CONFIRM_WAIT)
                    .tools(tools.stream().map(calls::specification).toList())
                    .resources(Resources.of(link));
        }
    }
}
