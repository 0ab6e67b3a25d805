package dev.llmos.mcp;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;

/**
 * where the http endpoint listens: a loopback address and port, or a unix socket. anything that
 * would be reachable from another machine is refused.
 *
 * @param host the loopback address, or null for a unix socket
 * @param port the tcp port (0 picks a free one)
 * @param socket the unix socket, or null for tcp
 */
public record Listen(String host, int port, Path socket) {
    public static final int DEFAULT_PORT = 8377;
    public static final Listen DEFAULT = new Listen("127.0.0.1", DEFAULT_PORT, null);

    /** parses {@code HOST:PORT} (host 127.0.0.1, ::1 in brackets, or localhost) or {@code unix:PATH}. */
    public static Listen parse(String text) {
        if (text.startsWith("unix:")) {
            String path = text.substring("unix:".length());
            if (path.isEmpty()) {
                throw new IllegalArgumentException("unix: needs a socket path, e.g. unix:/run/user/1000/llm-os/mcp.sock");
            }
            return new Listen(null, 0, Path.of(path));
        }
        int colon = text.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("listen on HOST:PORT (a loopback address) or unix:PATH, not '" + text + "'");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text.substring(colon + 1) + "' is not a port number");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is out of range");
        }
        if (!isLoopback(host)) {
            throw new IllegalArgumentException(host + " is not a loopback address: the mcp endpoint listens on this"
                    + " machine only (127.0.0.1, [::1], localhost or a unix socket)");
        }
        return new Listen(host, port, null);
    }

    private static boolean isLoopback(String host) {
        if (!host.equals("localhost") && !host.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            // only literal addresses and localhost: a name could resolve elsewhere tomorrow
            return false;
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
