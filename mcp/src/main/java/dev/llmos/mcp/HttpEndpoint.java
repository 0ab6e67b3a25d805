package dev.llmos.mcp;

import io.modelcontextprotocol.server.transport.DefaultServerTransportSecurityValidator;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityValidator;
import jakarta.servlet.DispatcherType;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Executors;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.NetworkConnector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.unixdomain.server.UnixDomainServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * the streamable http endpoint ({@code /mcp}) on jetty: loopback tcp or a unix socket (0600, in a
 * 0700 directory), every request behind the bearer token, then the sdk's transport with its
 * {@code Origin} and {@code Host} checks against dns rebinding.
 */
final class HttpEndpoint implements AutoCloseable {
    static final String PATH = "/mcp";

    private final Server server;
    private final Listen listen;
    private final String url;

    private HttpEndpoint(Server server, Listen listen, String url) {
        this.server = server;
        this.listen = listen;
        this.url = url;
    }

    /** the sdk's streamable http transport, with the dns rebinding checks. */
    static HttpServletStreamableServerTransportProvider transport() {
        return HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(McpServe.JSON)
                .mcpEndpoint(PATH)
                .securityValidator(securityValidator())
                .build();
    }

    /**
     * {@code Host} must be a loopback name, and an {@code Origin}, when a browser sends one, a
     * loopback origin: a page whose name was rebound to 127.0.0.1 sends its own name in both. any
     * port, so the endpoint also answers through a local port forward.
     */
    static ServerTransportSecurityValidator securityValidator() {
        DefaultServerTransportSecurityValidator.Builder builder = DefaultServerTransportSecurityValidator.builder();
        for (String host : List.of("localhost", "127.0.0.1", "[::1]")) {
            builder.allowedHost(host + ":*");
            builder.allowedOrigin("http://" + host + ":*");
        }
        return builder.build();
    }

    /** binds {@code listen} (a port of 0 becomes a free one); serves nothing yet. */
    static HttpEndpoint bind(Listen listen) throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("mcp-http");
        threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
        Server server = new Server(threads);
        String url;
        if (listen.socket() != null) {
            prepareSocket(listen.socket());
            UnixDomainServerConnector connector = new UnixDomainServerConnector(server);
            connector.setUnixDomainPath(listen.socket());
            server.addConnector(connector);
            url = "unix:" + listen.socket() + " " + PATH;
        } else {
            ServerConnector connector = new ServerConnector(server);
            connector.setHost(listen.host());
            connector.setPort(listen.port());
            server.addConnector(connector);
            connector.open();
            String host = listen.host().contains(":") ? "[" + listen.host() + "]" : listen.host();
            url = "http://" + host + ":" + connector.getLocalPort() + PATH;
        }
        return new HttpEndpoint(server, listen, url);
    }

    /** serves {@code transport} at {@link #PATH}, each request behind the bearer token, posts through the tap. */
    void serve(HttpServletStreamableServerTransportProvider transport, BearerToken token, InboundTap tap) throws Exception {
        ServletContextHandler context = new ServletContextHandler();
        FilterHolder bearer = new FilterHolder(new BearerFilter(token));
        bearer.setAsyncSupported(true);
        context.addFilter(bearer, "/*", EnumSet.of(DispatcherType.REQUEST));
        FilterHolder tapped = new FilterHolder(new TapFilter(tap));
        tapped.setAsyncSupported(true);
        context.addFilter(tapped, PATH, EnumSet.of(DispatcherType.REQUEST));
        ServletHolder servlet = new ServletHolder(transport);
        servlet.setAsyncSupported(true);
        context.addServlet(servlet, PATH);
        server.setHandler(context);
        server.start();
        if (listen.socket() != null) {
            // the directory is private already (when this server made it); the token guards either way
            Files.setPosixFilePermissions(listen.socket(), PosixFilePermissions.fromString("rw-------"));
        }
    }

    /** the socket's directory is made private; a socket left by a dead server is removed, a live one is not. */
    private static void prepareSocket(Path socket) throws IOException {
        Path dir = socket.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        if (Files.exists(socket)) {
            try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
                throw new IOException("another server already listens on " + socket);
            } catch (IOException e) {
                if (e.getMessage() != null && e.getMessage().startsWith("another server")) {
                    throw e;
                }
                Files.delete(socket);
            }
        }
    }

    /** the port bound (tcp; 0 for a unix socket). */
    int port() {
        return server.getConnectors()[0] instanceof NetworkConnector network ? network.getLocalPort() : 0;
    }

    String url() {
        return url;
    }

    void join() throws InterruptedException {
        server.join();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
