package dev.llmos.daemon;

import dev.llmos.action.Caller;
import dev.llmos.posix.Posix;
import dev.llmos.protocol.Json;
import dev.llmos.protocol.Response;
import dev.llmos.protocol.RpcException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * accepts connections on the listening socket, one virtual thread each, under the per-user
 * connection quota ({@link Fairness}): a connection over a limit gets -32000 naming it and is
 * closed. a watchdog closes connections idle past the read timeout, and ends the server after
 * {@code idleExit} with no connection at all (socket activation starts it again).
 */
final class Server implements AutoCloseable {
    /** how long a refused connection may keep sending before it is closed. */
    static final Duration REFUSED_LINGER = Duration.ofMillis(250);

    private final ServerSocketChannel listener;
    private final Dispatcher dispatcher;
    private final Fairness fairness;
    /** with no connection for this long the server stops; zero means never. */
    private final Duration idleExit;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("watchdog").factory());
    private volatile long lastConnectionNanos = System.nanoTime();
    private volatile String stopReason;

    private final List<Path> daemonPaths;

    /** @param daemonPaths the daemon's sockets and state, which nothing an action starts may see */
    Server(ServerSocketChannel listener, Dispatcher dispatcher, Fairness fairness, Duration idleExit,
            List<Path> daemonPaths) {
        this.listener = listener;
        this.dispatcher = dispatcher;
        this.fairness = fairness;
        this.idleExit = idleExit;
        this.daemonPaths = List.copyOf(daemonPaths);
    }

    int connectionCount() {
        return connections.size();
    }

    /** serves until closed or idle; returns why it stopped. */
    String serve() {
        watchdog.scheduleWithFixedDelay(this::watch, 1, 1, TimeUnit.SECONDS);
        Thread.ofPlatform().name("acceptor").start(this::acceptLoop);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return stopReason;
    }

    private void acceptLoop() {
        while (listener.isOpen()) {
            SocketChannel channel;
            try {
                channel = listener.accept();
            } catch (ClosedChannelException e) {
                break;
            } catch (IOException e) {
                System.err.println("llm-osd: accept failed: " + e.getMessage());
                continue;
            }
            lastConnectionNanos = System.nanoTime();
            Thread.ofVirtual().start(() -> open(channel));
        }
        stop("listener closed");
    }

    private void open(SocketChannel channel) {
        Posix.PeerCredentials peer;
        try {
            peer = Callers.peer(channel);
        } catch (IOException e) {
            System.err.println("llm-osd: refusing a connection without credentials: " + e.getMessage());
            closeQuietly(channel);
            return;
        }
        // the quota is checked on the kernel's uid before anything else is looked up for the caller
        Permit permit;
        try {
            permit = fairness.connect(peer.uid());
        } catch (RpcException e) {
            refuse(channel, e);
            return;
        }
        try (permit) {
            Caller caller = Callers.forUid(peer.uid(), peer.gid(), peer.pid());
            Connection connection = new Connection(channel, caller, !Callers.sandboxed(channel, caller), daemonPaths,
                    dispatcher, fairness);
            connections.add(connection);
            try {
                connection.run();
            } finally {
                connections.remove(connection);
                lastConnectionNanos = System.nanoTime();
            }
        }
    }

    /**
     * answers a refused connection with why, then lets the client read it: the daemon stops sending
     * and takes what the client sends (its first request) until it hangs up, for at most
     * {@link #REFUSED_LINGER}, so the client's write does not fail with a broken pipe before it
     * could read the reason.
     */
    private void refuse(SocketChannel channel, RpcException why) {
        byte[] frame = Json.toBytes(Response.failure(null, why.error()).encode());
        ScheduledFuture<?> cut = watchdog.schedule(() -> closeQuietly(channel), REFUSED_LINGER.toMillis(),
                TimeUnit.MILLISECONDS);
        try {
            channel.write(ByteBuffer.allocate(frame.length + 1).put(frame).put((byte) '\n').flip());
            channel.shutdownOutput();
            ByteBuffer sink = ByteBuffer.allocate(4096);
            while (channel.read(sink.clear()) >= 0) {
                // discarded: the request is refused
            }
        } catch (IOException e) {
            // the client left, or the linger ran out
        } finally {
            cut.cancel(false);
            closeQuietly(channel);
        }
    }

    private void watch() {
        long timeout = fairness.limits().readTimeout().toNanos();
        for (Connection connection : connections) {
            if (connection.idleNanos() > timeout) {
                connection.close();
            }
        }
        long idle = idleExit.toNanos();
        if (idle > 0 && connections.isEmpty() && System.nanoTime() - lastConnectionNanos > idle) {
            stop("idle for " + idleExit.toSeconds() + " s");
        }
    }

    private void stop(String reason) {
        if (stopReason == null) {
            stopReason = reason;
        }
        stopped.countDown();
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing to do
        }
    }

    @Override
    public void close() {
        stop("closed");
        watchdog.shutdownNow();
        try {
            listener.close();
        } catch (IOException e) {
            // already closed
        }
        connections.forEach(Connection::close);
    }
}
