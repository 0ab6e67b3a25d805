package dev.llmos.modeld;

import dev.llmos.posix.Posix;
import dev.llmos.posix.PosixException;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * where llm-modeld listens: a unix socket inherited from systemd (fd 3 with {@code LISTEN_FDS=1},
 * or fd 0 with {@code StandardInput=socket}), or a path it binds itself.
 *
 * @param activation {@code listen-fds}, {@code stdin} or {@code bound}
 * @param path the socket file to bind, for {@code bound}
 */
record Listener(String activation, Optional<Path> path) {
    private static final int SD_LISTEN_FDS_START = 3;

    boolean inherited() {
        return path.isEmpty();
    }

    /** the socket systemd passed, if any, else {@code socket}; neither is an error. */
    static Listener resolve(Optional<Path> socket, Map<String, String> env) throws IOException {
        Optional<Listener> inherited = inherited(env);
        if (inherited.isPresent()) {
            return inherited.get();
        }
        if (socket.isEmpty()) {
            throw new IOException("no socket: pass --socket PATH, or start llm-modeld through socket activation");
        }
        prepare(socket.get());
        return new Listener("bound", socket);
    }

    private static Optional<Listener> inherited(Map<String, String> env) throws IOException {
        String activation = "stdin";
        if (env.containsKey("LISTEN_FDS")) {
            String pid = env.get("LISTEN_PID");
            if (pid != null && !pid.equals(Long.toString(ProcessHandle.current().pid()))) {
                return Optional.empty();
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
                return Optional.of(new Listener(activation, Optional.empty()));
            }
            throw new IOException("the inherited socket is not a unix socket: " + server.getLocalAddress());
        }
        if (channel instanceof SocketChannel) {
            throw new IOException("the inherited socket is a connection, not a listening socket: use Accept=no");
        }
        if (activation.equals("listen-fds")) {
            throw new IOException("LISTEN_FDS=1 but fd 3 is not a listening socket");
        }
        return Optional.empty();
    }

    /** removes a stale socket file (nobody listening); a live one means another server owns the path. */
    private static void prepare(Path path) throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (isLive(path)) {
            throw new FileAlreadyExistsException(path.toString(), null, "another server is listening on this socket");
        }
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(path + " is a directory, not a socket");
        }
        Files.delete(path);
    }

    private static boolean isLive(Path path) {
        try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
            return probe.isConnected();
        } catch (IOException e) {
            return false;
        }
    }
}
