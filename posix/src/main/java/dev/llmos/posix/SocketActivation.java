package dev.llmos.posix;

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
 * a listening unix socket handed over by systemd (or {@code systemd-socket-activate}): as fd 3
 * with {@code LISTEN_FDS=1}, or as stdin with {@code StandardInput=socket}; and the care a
 * server takes before binding a path itself.
 */
public final class SocketActivation {
    private static final int SD_LISTEN_FDS_START = 3;

    private SocketActivation() {
    }

    /**
     * a listening socket received from systemd.
     *
     * @param activation {@code listen-fds} (fd 3) or {@code stdin}
     */
    public record Inherited(ServerSocketChannel channel, String activation) {
    }

    /** the socket systemd passed to this process, if any; a wrong kind of socket is an error. */
    public static Optional<Inherited> inherited(Map<String, String> env) throws IOException {
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
                return Optional.of(new Inherited(server, activation));
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

    /**
     * makes {@code path} free to bind: a stale socket file (nobody listening) is removed, a live
     * one is an error so two servers never share a path, and so is a directory.
     */
    public static void clearStale(Path path) throws IOException {
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
