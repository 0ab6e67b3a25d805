package dev.llmos.daemon;

import dev.llmos.posix.Posix;
import dev.llmos.posix.PosixException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * the listening socket: inherited from systemd (stdin with {@code StandardInput=socket}, or fd 3
 * with {@code LISTEN_FDS=1}) or bound to a path.
 *
 * @param channel the listening channel
 * @param activation how it was obtained: {@code stdin}, {@code listen-fds} or {@code bound}
 * @param boundPath the socket file this process created (removed at exit), or null
 */
record ListenSocket(ServerSocketChannel channel, String activation, Path boundPath) {
    private static final int SD_LISTEN_FDS_START = 3;

    /** takes the socket systemd passed, if any, else binds {@code path}. */
    static ListenSocket open(Path path, Map<String, String> env) throws IOException {
        ListenSocket inherited = inherited(env);
        return inherited != null ? inherited : bind(path);
    }

    private static ListenSocket inherited(Map<String, String> env) throws IOException {
        String activation = "stdin";
        if (env.containsKey("LISTEN_FDS")) {
            String pid = env.get("LISTEN_PID");
            if (pid != null && !pid.equals(Long.toString(ProcessHandle.current().pid()))) {
                return null;
            }
            if (!"1".equals(env.get("LISTEN_FDS"))) {
                throw new IOException("expected exactly one socket from systemd, got LISTEN_FDS=" + env.get("LISTEN_FDS"));
            }
            // the jdk adopts only fd 0 as an inherited channel: move fd 3 there first
            try {
                Posix.dup2(SD_LISTEN_FDS_START, 0);
                Posix.close(SD_LISTEN_FDS_START);
            } catch (PosixException e) {
                throw new IOException("cannot adopt the socket passed as fd 3: " + e.getMessage(), e);
            }
            activation = "listen-fds";
        }
        Channel channel = System.inheritedChannel();
        if (channel instanceof ServerSocketChannel server) {
            if (server.getLocalAddress() instanceof UnixDomainSocketAddress) {
                return new ListenSocket(server, activation, null);
            }
            throw new IOException("the inherited socket is not a unix socket: " + server.getLocalAddress());
        }
        if (channel instanceof SocketChannel) {
            throw new IOException("the inherited socket is a connection, not a listening socket: use Accept=no");
        }
        if (activation.equals("listen-fds")) {
            throw new IOException("LISTEN_FDS=1 but fd 3 is not a listening socket");
        }
        return null;
    }

    /**
     * binds {@code path}, creating its parent with mode 0755 when missing. a stale socket file (no
     * listener behind it) is replaced; a live one is an error, so two daemons never share a path.
     */
    static ListenSocket bind(Path path) throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (!Files.isDirectory(parent)) {
            Files.createDirectories(parent, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        }
        if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            if (isLive(path)) {
                throw new FileAlreadyExistsException(path.toString(), null, "another daemon is listening on this socket");
            }
            if (!Files.isSymbolicLink(path) && Files.isDirectory(path)) {
                throw new IOException(path + " is a directory, not a socket");
            }
            Files.delete(path);
        }
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(path), 512);
        } catch (IOException e) {
            server.close();
            throw e;
        }
        return new ListenSocket(server, "bound", path);
    }

    private static boolean isLive(Path path) {
        try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
            return probe.isConnected();
        } catch (IOException e) {
            return false;
        }
    }
}
