package dev.llmos.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * socket activation as systemd does it: the daemon serves a listening socket it inherits (fd 3
 * with {@code LISTEN_FDS}, or stdin), starts only when someone connects, and exits when idle.
 */
class ActivationTest {
    private static final int IDLE_EXIT_S = 2;

    private static List<String> daemonArgs(Path dir) {
        return Distribution.daemon("--state-dir", dir.resolve("state").toString(), "--idle-exit", Integer.toString(IDLE_EXIT_S));
    }

    private static RpcClient connectWithin(Path socket, long seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            try {
                return RpcClient.connect(socket);
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(20);
            }
        }
    }

    private static void assertServesThenIdlesOut(Process process, Path socket, String activation) throws Exception {
        try (RpcClient client = connectWithin(socket, 30)) {
            JsonNode status = client.call("system.status", null).get("result");
            assertEquals(activation, status.get("activation").asText());
            assertEquals(process.pid(), status.get("pid").asLong(), "the daemon runs in the activated process itself");
        }
        assertTrue(process.waitFor(IDLE_EXIT_S + 20, TimeUnit.SECONDS), "the daemon exits after the idle timeout");
        assertEquals(0, process.exitValue());
    }

    @Test
    void servesTheSocketPassedAsFd3AndExitsWhenIdle() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/systemd-socket-activate")), "needs systemd-socket-activate");
        Path dir = Distribution.publicTempDir("llmos-e2e-activate");
        Path socket = dir.resolve("llm-osd.sock");
        List<String> argv = new ArrayList<>(List.of("systemd-socket-activate", "-l", socket.toString(), "--"));
        argv.addAll(daemonArgs(dir));
        Process process = new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectOutput(dir.resolve("log").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!Files.exists(socket) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            // nothing runs until the first connection: no jvm has been started yet
            assertTrue(ProcessHandle.of(process.pid()).orElseThrow().info().command().orElse("").contains("systemd-socket-activate"));
            assertServesThenIdlesOut(process, socket, "listen-fds");
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void servesTheSocketPassedAsStdin() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "needs python3 to hand over a listening socket");
        Path dir = Distribution.publicTempDir("llmos-e2e-stdin");
        Path socket = dir.resolve("llm-osd.sock");
        // what systemd does for `StandardInput=socket`: bind, listen, and exec with the socket as fd 0
        List<String> argv = new ArrayList<>(List.of("python3", "-c",
                "import os, socket, sys\n"
                        + "s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)\n"
                        + "s.bind(sys.argv[1]); s.listen(16)\n"
                        + "os.dup2(s.fileno(), 0)\n"
                        + "os.execvp(sys.argv[2], sys.argv[2:])\n",
                socket.toString()));
        argv.addAll(daemonArgs(dir));
        Process process = new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectOutput(dir.resolve("log").toFile()).start();
        try {
            assertServesThenIdlesOut(process, socket, "stdin");
            assertFalse(Files.exists(dir.resolve("state").resolve("missing")));
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void aBoundDaemonReplacesAStaleSocketAndRefusesALiveOne() throws Exception {
        try (DaemonProcess first = DaemonProcess.start()) {
            Process second = new ProcessBuilder(Distribution.daemon("--socket", first.socket.toString(),
                    "--state-dir", first.dir.resolve("state2").toString())).redirectErrorStream(true).start();
            String output = new String(second.getInputStream().readAllBytes());
            assertTrue(second.waitFor(30, TimeUnit.SECONDS));
            assertEquals(1, second.exitValue(), output);
            assertTrue(output.contains("another server is listening"), output);
            try (SocketChannel still = SocketChannel.open(UnixDomainSocketAddress.of(first.socket))) {
                assertTrue(still.isConnected());
            }
            first.process.destroyForcibly().waitFor();
            assertTrue(Files.exists(first.socket), "a killed daemon leaves its socket file behind");
            try (DaemonProcess replacement = DaemonProcess.startIn(first.dir);
                 RpcClient client = replacement.connect()) {
                assertTrue(client.call("system.ping", null).at("/result/pong").asBoolean());
            }
        }
    }

    @Test
    void sigtermStopsCleanlyAndRemovesTheSocket() throws Exception {
        DaemonProcess daemon = DaemonProcess.start();
        daemon.process.destroy();
        assertTrue(daemon.process.waitFor(10, TimeUnit.SECONDS));
        assertFalse(Files.exists(daemon.socket), "the socket file is removed on sigterm");
    }
}
