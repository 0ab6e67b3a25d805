package dev.llmos.modeld;

import dev.llmos.posix.SocketActivation;
import java.io.IOException;
import java.nio.file.Files;
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
        return SocketActivation.inherited(env).map(inherited -> new Listener(inherited.activation(), Optional.empty()));
    }

    /** creates the parent directory and clears a stale socket file; a live one means another server owns the path. */
    private static void prepare(Path path) throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        SocketActivation.clearStale(path);
    }
}
