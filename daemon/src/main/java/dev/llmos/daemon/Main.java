package dev.llmos.daemon;

import dev.llmos.audit.AuditLog;
import dev.llmos.catalog.ActionCatalog;
import dev.llmos.policy.PolicyException;
import dev.llmos.policy.PolicyStore;
import dev.llmos.posix.Posix;
import dev.llmos.protocol.Locations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code llm-osd}: the daemon's command line. */
@Command(name = "llm-osd", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "The llm-os daemon: typed, validated, privilege-separated actions on a unix socket.")
public final class Main implements Callable<Integer> {
    /** sighup's number, the same on every linux architecture. */
    private static final int HANGUP = 1;

    @Option(names = "--socket", paramLabel = "PATH",
            description = "Socket to bind when not socket-activated (default: $LLM_OSD_SOCKET, "
                    + "/run/llm-osd/llm-osd.sock for root, $XDG_RUNTIME_DIR/llm-osd/llm-osd.sock otherwise).")
    private Path socket;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "Audit log, undo journal and caches (default: /var/lib/llm-osd for root, "
                    + "$XDG_STATE_HOME/llm-osd otherwise).")
    private Path stateDir;

    @Option(names = "--policy", paramLabel = "FILE",
            description = "Policy file; drop-ins are read from policy.d/*.toml beside it (default: "
                    + "/etc/llm-os/policy.toml for root, $XDG_CONFIG_HOME/llm-os/policy.toml otherwise).")
    private Path policyFile;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Configuration: privacy and llm backends, [limits] per user, [audit] retention and anchor "
                    + "(default: /etc/llm-os/planner.toml for root, $XDG_CONFIG_HOME/llm-os/planner.toml otherwise; "
                    + "absent = embedded router only and the documented defaults).")
    private Path configFile;

    @Option(names = "--idle-exit", paramLabel = "SECONDS", defaultValue = "0",
            description = "Exit after this many seconds without a connection; 0 = never (default: ${DEFAULT-VALUE}).")
    private long idleExit;

    @Option(names = "--executor-idle", paramLabel = "SECONDS", defaultValue = "60",
            description = "Stop a per-user executor unused this long (default: ${DEFAULT-VALUE}).")
    private long executorIdle;

    public static void main(String[] args) {
        int status = new CommandLine(new Main())
                .setExecutionExceptionHandler((e, commandLine, parseResult) -> {
                    // a start-up failure (socket in use, unreadable state dir) is a message, not a trace
                    commandLine.getErr().println("llm-osd: " + e.getMessage());
                    return 1;
                })
                .execute(args);
        // some libraries leave non-daemon threads behind: the daemon's lifetime is ours to end
        System.exit(status);
    }

    @Override
    public Integer call() throws IOException {
        Map<String, String> env = System.getenv();
        int uid = Posix.getuid();
        Path socketPath = socket != null ? socket : Locations.daemonSocket(env);
        Path state = stateDir != null ? stateDir : Locations.daemonState(env);
        Files.createDirectories(state);
        // 0711: callers reach their own quarantine below it, nobody lists it
        Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rwx--x--x"));

        if (socket == null && uid != 0 && !env.containsKey(Locations.SOCKET_ENV)) {
            // a per-user daemon's directory is the user's alone
            Files.createDirectories(socketPath.getParent(), PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
        }
        // everything slow happens before the socket is bound, so that from the moment a client can
        // connect, sigterm finds the shutdown hook in place
        ActionCatalog catalog = ActionCatalog.discover();
        Path staging = runtimeDir(env, uid).resolve("lib");
        ExecutorPool executors = new ExecutorPool(
                uid == 0 ? ExecutorCommand.build(staging) : java.util.List.of(), Duration.ofSeconds(executorIdle));
        CallerRunner runner = new CallerRunner(uid, executors);
        Path policyPath = policyFile != null ? policyFile : Locations.policyFile(env);
        Path configPath = configFile != null ? configFile : Locations.plannerFile(env);
        DaemonConfig config;
        try {
            config = DaemonConfig.load(configPath, state, env);
        } catch (IOException e) {
            System.err.println("llm-osd: the configuration is broken, not starting: " + e.getMessage());
            return 2;
        }
        PolicyStore policy;
        try {
            // the daemon's own files are protected wherever they are, like /etc/llm-os and /var/lib/llm-osd
            policy = PolicyStore.open(policyPath, policyPath.resolveSibling("policy.d"),
                    OwnFiles.of(state, configPath, policyPath, config.audit().anchorFile()));
        } catch (PolicyException e) {
            System.err.println("llm-osd: the policy is broken, not starting: " + e.getMessage());
            return 2;
        }
        reloadOnHangup(policy);
        Fairness fairness = new Fairness(config.limits(), InstantSource.system());
        AuditLog audit = JournaledAudit.around(new BoundedAudit(AuditLog.open(state.resolve("audit"), Clock.systemUTC(),
                config.audit().options(uid)), fairness, config.limits().auditParamsMaxBytes()), AuditSettings.JOURNAL_SOCKET);
        Daemon daemon = new Daemon(catalog, runner, policy, config.planner(), audit, uid, state, InstantSource.system(),
                fairness);
        Dispatcher dispatcher = daemon.dispatcher();

        ListenSocket listen = ListenSocket.open(socketPath, env);
        if (listen.boundPath() != null) {
            // authorization is the daemon's job (peer credentials + policy), so the system socket is
            // open to every local user; a per-user socket is the user's alone
            Files.setPosixFilePermissions(listen.boundPath(), PosixFilePermissions.fromString(uid == 0 ? "rw-rw-rw-" : "rw-------"));
        }
        String shownSocket = listen.boundPath() != null ? listen.boundPath().toString() : String.valueOf(listen.channel().getLocalAddress());
        Server server = new Server(listen.channel(), dispatcher, fairness, Duration.ofSeconds(idleExit),
                daemonPaths(listen, state));
        daemon.attach(server, listen.activation(), shownSocket);

        // sigterm runs the hook: it stops the server, and the main thread (returning from serve)
        // cleans up once; the hook waits for that so the jvm halts only after the socket is gone
        CountDownLatch cleaned = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            try {
                cleaned.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "shutdown"));
        System.err.printf("llm-osd %s: serving %d actions on %s (%s), uid %d, state %s%n",
                Daemon.VERSION, catalog.entries().size(), shownSocket, listen.activation(), uid, state);
        String reason = server.serve();
        System.err.println("llm-osd: stopping: " + reason);
        server.close();
        daemon.close();
        runner.close();
        audit.close();
        if (listen.boundPath() != null) {
            Files.deleteIfExists(listen.boundPath());
        }
        cleaned.countDown();
        return 0;
    }

    /**
     * what no program an action starts may see: the socket this daemon answers on, the well-known
     * system socket directory, and the state directory (audit, undo journal, quarantines).
     */
    private static java.util.List<Path> daemonPaths(ListenSocket listen, Path state) throws IOException {
        java.util.List<Path> paths = new java.util.ArrayList<>();
        if (listen.channel().getLocalAddress() instanceof java.net.UnixDomainSocketAddress address
                && !address.getPath().toString().isEmpty()) {
            paths.add(address.getPath().toAbsolutePath());
        }
        paths.add(Locations.SYSTEM_SOCKET.getParent());
        paths.add(state.toAbsolutePath());
        return paths;
    }

    /** sighup reloads the policy; a broken one is reported and the last good one stays in force. */
    private static void reloadOnHangup(PolicyStore policy) {
        Posix.defaultDisposition(HANGUP);
        sun.misc.Signal.handle(new sun.misc.Signal("HUP"), signal -> {
            try {
                policy.reload();
                System.err.println("llm-osd: policy reloaded");
            } catch (PolicyException e) {
                System.err.println("llm-osd: policy reload failed, keeping the previous policy: " + e.getMessage());
            }
        });
    }

    private static Path runtimeDir(Map<String, String> env, int uid) {
        String systemd = env.get("RUNTIME_DIRECTORY");
        if (systemd != null && !systemd.isBlank()) {
            return Path.of(systemd.split(":")[0]);
        }
        return uid == 0 ? Locations.SYSTEM_SOCKET.getParent() : Locations.userSocket(env).getParent();
    }

    /** the version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"llm-osd " + Daemon.VERSION};
        }
    }
}
