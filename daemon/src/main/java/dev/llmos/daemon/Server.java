package dev.llmos.daemon;

import dev.llmos.action.Caller;
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
import java.util.concurrent.TimeUnit;

/**
 * accepts connections on the listening socket, one virtual thread each, under a connection cap.
 * a watchdog closes connections idle past the read timeout, and ends the server after
 * {@code idleExit} with no connection at all (socket activation starts it again).
 */
final class Server implements AutoCloseable {
    /**
     * @param maxConnections connections served at once; one more gets -32000 and is closed
     * @param readTimeout a connection with nothing running and no frame for this long is closed
     * @param idleExit with no connection for this long the server stops; zero means never
     */
    record Limits(int maxConnections, Duration readTimeout, Duration idleExit) {
    }

    private final ServerSocketChannel listener;
    private final Dispatcher dispatcher;
    private final Limits limits;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("watchdog").factory());
    private volatile long lastConnectionNanos = System.nanoTime();
    private volatile String stopReason;

    private final List<Path> daemonPaths;

    /** @param daemonPaths the daemon's sockets and state, which nothing an action starts may see */
    Server(ServerSocketChannel listener, Dispatcher dispatcher, Limits limits, List<Path> daemonPaths) {
        this.listener = listener;
        this.dispatcher = dispatcher;
        this.limits = limits;
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
        Caller caller;
        try {
            caller = Callers.of(channel);
        } catch (IOException e) {
            System.err.println("llm-osd: refusing a connection without credentials: " + e.getMessage());
            closeQuietly(channel);
            return;
        }
        if (connections.size() >= limits.maxConnections()) {
            refuse(channel, "too many connections (" + limits.maxConnections() + "); try again shortly");
            return;
        }
        Connection connection = new Connection(channel, caller, !Callers.sandboxed(channel, caller), daemonPaths,
                dispatcher);
        connections.add(connection);
        try {
            connection.run();
        } finally {
            connections.remove(connection);
            lastConnectionNanos = System.nanoTime();
        }
    }

    private static void refuse(SocketChannel channel, String why) {
        byte[] frame = Json.toBytes(Response.failure(null, RpcException.busy(why).error()).encode());
        try {
            channel.write(ByteBuffer.allocate(frame.length + 1).put(frame).put((byte) '\n').flip());
        } catch (IOException e) {
            // the client left already
        }
        closeQuietly(channel);
    }

    private void watch() {
        long timeout = limits.readTimeout().toNanos();
        for (Connection connection : connections) {
            if (connection.idleNanos() > timeout) {
                connection.close();
            }
        }
        long idleExit = limits.idleExit().toNanos();
        if (idleExit > 0 && connections.isEmpty() && System.nanoTime() - lastConnectionNanos > idleExit) {
            stop("idle for " + limits.idleExit().toSeconds() + " s");
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
