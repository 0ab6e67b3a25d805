package dev.llmos.modeld;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.unixdomain.server.UnixDomainServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * llm-modeld's http/1.1 server on a unix socket (jetty), with the idle watch that ends the
 * process. the socket file of an inherited socket belongs to systemd and is left alone; one this
 * process bound is removed when it exits.
 */
final class ModeldServer {
    private static final Duration CONNECTION_IDLE_TIMEOUT = Duration.ofMinutes(30);

    private final Server server;
    private final Listener listener;
    private final IdleTracker idle;
    private final Duration idleExit;

    ModeldServer(Listener listener, ModelConfig config, Duration idleExit) {
        this.listener = listener;
        this.idleExit = idleExit;
        this.idle = new IdleTracker(idleExit, System::nanoTime);
        QueuedThreadPool threads = new QueuedThreadPool(16, 2);
        threads.setName("llm-modeld");
        this.server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendDateHeader(false);
        UnixDomainServerConnector connector = new UnixDomainServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setIdleTimeout(CONNECTION_IDLE_TIMEOUT.toMillis());
        connector.setInheritChannel(listener.inherited());
        listener.path().ifPresent(connector::setUnixDomainPath);
        server.addConnector(connector);
        ModelSlot slot = new ModelSlot(config);
        server.setHandler(new ApiHandler(slot, idle, Clock.systemUTC(), listener.activation()));
    }

    /** starts serving and returns; the idle watch ends the process with {@link System#exit}. */
    void start() throws Exception {
        server.start();
        // the idle time counts from when requests can arrive, not from a slow jvm start
        idle.touch();
        if (listener.path().isPresent()) {
            Path socket = listener.path().get();
            // the owner (and root) may connect; the service unit narrows this further
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(socket), "llm-modeld-socket-cleanup"));
        }
        System.err.println("llm-modeld: listening (" + listener.activation() + listener.path().map(p -> " " + p).orElse("")
                + "), idle exit " + (idleExit.isZero() ? "off" : idleExit.toSeconds() + " s"));
        if (!idleExit.isZero()) {
            watchIdle();
        }
    }

    void join() throws InterruptedException {
        server.join();
    }

    private void watchIdle() {
        ScheduledExecutorService watch = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "llm-modeld-idle");
            thread.setDaemon(true);
            return thread;
        });
        long period = Math.max(50, Math.min(1000, idleExit.toMillis() / 4));
        watch.scheduleWithFixedDelay(() -> {
            if (idle.closeIfIdle()) {
                System.err.println("llm-modeld: idle for " + idleExit.toSeconds() + " s, exiting");
                stopListening();
                // llama.cpp leaves a non-daemon thread behind: only an explicit exit ends the process
                System.exit(0);
            }
        }, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * stops jetty when it owns the socket file; an inherited socket is simply left open until the
     * process exits (jetty would try to delete a socket path it does not have).
     */
    private void stopListening() {
        if (listener.inherited()) {
            return;
        }
        try {
            server.stop();
        } catch (Exception e) {
            System.err.println("llm-modeld: stopping the server: " + e.getMessage());
        }
    }

    private static void deleteQuietly(Path socket) {
        try {
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            System.err.println("llm-modeld: cannot remove " + socket + ": " + e.getMessage());
        }
    }
}
