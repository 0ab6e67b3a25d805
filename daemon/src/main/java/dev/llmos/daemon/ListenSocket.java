package dev.llmos.daemon;

import dev.llmos.posix.SocketActivation;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;

/**
 * the listening socket: inherited from systemd (stdin with {@code StandardInput=socket}, or fd 3
 * with {@code LISTEN_FDS=1}) or bound to a path.
 *
 * @param channel the listening channel
 * @param activation how it was obtained: {@code stdin}, {@code listen-fds} or {@code bound}
 * @param boundPath the socket file this process created (removed at exit), or null
 */
record ListenSocket(ServerSocketChannel channel, String activation, Path boundPath) {
    /** takes the socket systemd passed, if any, else binds {@code path}. */
    static ListenSocket open(Path path, Map<String, String> env) throws IOException {
        Optional<SocketActivation.Inherited> inherited = SocketActivation.inherited(env);
        if (inherited.isPresent()) {
            return new ListenSocket(inherited.get().channel(), inherited.get().activation(), null);
        }
        return bind(path);
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
        SocketActivation.clearStale(path);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(path), 512);
        } catch (IOException e) {
            server.close();
            throw e;
        }
        return new ListenSocket(server, "bound", path);
    }
}
