package dev.llmos.shell;

import dev.llmos.protocol.Locations;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * finds the daemon: {@code --socket}, else {@code $LLM_OSD_SOCKET}, else the system socket, else
 * the per-user one. when none answers, starts a per-user daemon (like gpg-agent) unless told not
 * to; it exits by itself when idle. with a host ({@code --host}, else {@code $LLMOS_HOST}) the
 * daemon is that host's, reached through openssh ({@link SshTunnel}), and {@code --socket} names
 * its socket there.
 */
public final class Connector {
    /** how long an autostarted daemon may sit idle before it exits. */
    static final int AUTOSTART_IDLE_EXIT_S = 900;
    private static final long START_TIMEOUT_MS = 30_000;

    private final Path explicitSocket;
    private final boolean autostart;
    private final Map<String, String> env;
    private final String host;

    /**
     * @param explicitSocket {@code --socket}, or null
     * @param autostart start a per-user daemon when none answers
     * @param env the process environment ({@code LLM_OSD_SOCKET}, {@code XDG_RUNTIME_DIR}, {@code LLMOS_HOME},
     *     {@code LLMOS_HOST}: a remote host, whose daemon {@code explicitSocket} then names)
     */
    public Connector(Path explicitSocket, boolean autostart, Map<String, String> env) {
        this(explicitSocket, null, autostart, env);
    }

    /** the same with {@code host} ({@code --host}), which wins over {@code $LLMOS_HOST}; null or empty for none. */
    Connector(Path explicitSocket, String host, boolean autostart, Map<String, String> env) {
        this.explicitSocket = explicitSocket;
        this.autostart = autostart;
        this.env = env;
        this.host = host(host, env);
    }

    /** {@code --host}, else {@code $LLMOS_HOST}; null for this machine. */
    static String host(String option, Map<String, String> env) {
        String chosen = option != null ? option : env.get(SshTarget.HOST_ENV);
        return chosen == null || chosen.isEmpty() ? null : chosen;
    }

    /** the remote host's connection, or null for this machine's daemon. */
    SshTunnel tunnel() throws CliException {
        return host == null ? null : new SshTunnel(SshTarget.of(host, explicitSocket == null ? null
                : explicitSocket.toString(), env), env);
    }

    private Set<Path> candidates() {
        Set<Path> candidates = new LinkedHashSet<>();
        if (explicitSocket != null) {
            candidates.add(explicitSocket);
        } else if (env.get(Locations.SOCKET_ENV) != null && !env.get(Locations.SOCKET_ENV).isBlank()) {
            candidates.add(Path.of(env.get(Locations.SOCKET_ENV)));
        } else {
            candidates.add(Locations.SYSTEM_SOCKET);
            candidates.add(Locations.userSocket(env));
        }
        return candidates;
    }

    /**
     * the socket of a daemon that answers now, starting one when allowed: for a long-running client
     * (the mcp server) that opens its own connections and may outlive an idle daemon.
     */
    public Path liveSocket() throws IOException {
        try (DaemonClient client = open()) {
            return client.socket();
        } catch (CliException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    DaemonClient open() throws CliException {
        SshTunnel tunnel = tunnel();
        if (tunnel != null) {
            return tunnel.connect();
        }
        Set<Path> candidates = candidates();
        for (Path socket : candidates) {
            try {
                return DaemonClient.connect(socket);
            } catch (IOException e) {
                // try the next one
            }
        }
        Path target = explicitSocket != null ? explicitSocket : Locations.daemonSocket(env);
        if (!autostart) {
            throw new CliException(ExitCodes.DAEMON_UNAVAILABLE, "no daemon answers at " + candidates
                    + "; start it (systemctl start llm-osd.socket) or let llmsh start one (drop --no-autostart)");
        }
        return start(target);
    }

    private DaemonClient start(Path socket) throws CliException {
        String home = env.get("LLMOS_HOME");
        Path launcher = home == null ? null : Path.of(home, "bin", "llm-osd");
        if (launcher == null || !Files.isExecutable(launcher)) {
            throw new CliException(ExitCodes.DAEMON_UNAVAILABLE, "no daemon answers at " + socket
                    + " and llm-osd cannot be found to start one (run llmsh through its launcher, bin/llmsh)");
        }
        Path log = Locations.daemonState(env).resolve("llm-osd.log");
        List<String> argv = new ArrayList<>(List.of("setsid", launcher.toString(), "--socket", socket.toString(),
                "--idle-exit", Integer.toString(AUTOSTART_IDLE_EXIT_S)));
        Process process;
        try {
            Files.createDirectories(log.getParent());
            process = new ProcessBuilder(argv)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new CliException(ExitCodes.DAEMON_UNAVAILABLE, "cannot start llm-osd: " + e.getMessage());
        }
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
        while (System.currentTimeMillis() < deadline) {
            try {
                return DaemonClient.connect(socket);
            } catch (IOException e) {
                if (!process.isAlive() && process.exitValue() != 0) {
                    throw new CliException(ExitCodes.DAEMON_UNAVAILABLE, "llm-osd failed to start (exit "
                            + process.exitValue() + "):\n" + tail(log));
                }
                sleep();
            }
        }
        throw new CliException(ExitCodes.DAEMON_UNAVAILABLE, "llm-osd did not come up within "
                + START_TIMEOUT_MS / 1000 + " s; see " + log);
    }

    private static void sleep() {
        try {
            Thread.sleep(25);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }
}
