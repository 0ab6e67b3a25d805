package dev.llmos.shell;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * llmsh's unix sockets, each case in a fresh jvm (the jdk's unix socket class is set up once per
 * process): with the launcher's export the {@code SUN} provider is never instantiated, and a server bound
 * without a name (the one use of the generator) still gets a fresh one; without it, the jdk's way.
 */
class UnixSocketsTest {
    @Test
    void theGeneratorReadsTheKernelsPool() throws Exception {
        SecureRandom random = SecureRandom.getInstance("NativePRNGNonBlocking", new UnixSockets.Urandom.Source());
        byte[] first = new byte[32];
        byte[] second = new byte[32];
        random.nextBytes(first);
        random.nextBytes(second);
        assertFalse(java.util.Arrays.equals(first, second), "two draws of 256 bits differ");
        assertFalse(java.util.Arrays.equals(first, new byte[32]), "not all zero");
        assertEquals(16, random.generateSeed(16).length);
    }

    @Test
    void withTheExportTheSunProviderIsNeverInstantiated(@TempDir Path dir) throws Exception {
        Probe.Result result = Probe.run(dir, true);
        assertEquals("own-list=true", result.lines().get(0), result.toString());
        assertTrue(result.inits().contains("'sun/nio/ch/UnixDomainSockets'"), "the log covers the socket's set-up");
        assertFalse(result.inits().contains("'sun/security/provider/Sun'"), "SUN was instantiated; " + result);
        assertTrue(result.lines().get(1).matches("echoed from .*/socket_[0-9]+"), result.toString());
    }

    @Test
    void withoutItTheJdksWayStillConnects(@TempDir Path dir) throws Exception {
        Probe.Result result = Probe.run(dir, false);
        assertEquals("own-list=false", result.lines().get(0), result.toString());
        assertTrue(result.inits().contains("'sun/security/provider/Sun'"), "the jdk's own provider list was used");
        assertTrue(result.lines().get(1).matches("echoed from .*/socket_[0-9]+"), result.toString());
    }

    /** a fresh jvm: sets up unix sockets as llmsh does, binds a server without a name, echoes a byte through it. */
    static final class Probe {
        record Result(List<String> lines, String inits, String err) {
            @Override
            public String toString() {
                return "out: " + lines + "\nerr: " + err;
            }
        }

        public static void main(String[] args) throws IOException {
            System.out.println("own-list=" + UnixSockets.prepare());
            try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
                // no name: the jdk draws one from the generator set up above
                server.bind(null);
                Path bound = ((UnixDomainSocketAddress) server.getLocalAddress()).getPath();
                try (SocketChannel client = UnixSockets.connect(bound); SocketChannel accepted = server.accept()) {
                    client.write(ByteBuffer.wrap(new byte[] {42}));
                    ByteBuffer in = ByteBuffer.allocate(1);
                    accepted.read(in);
                    assertArrayEquals(new byte[] {42}, in.array());
                }
                Files.deleteIfExists(bound);
                System.out.println("echoed from " + bound);
            }
        }

        static Result run(Path dir, boolean export) throws IOException, InterruptedException {
            Path log = dir.resolve("init.log");
            List<String> argv = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                    "-Xlog:class+init=info:file=" + log, "-Djdk.reflect.useNativeAccessorOnly=true"));
            if (export) {
                argv.add("--add-exports=java.base/sun.security.jca=ALL-UNNAMED");
            }
            argv.addAll(List.of("-cp", System.getProperty("java.class.path"), Probe.class.getName()));
            Process process = new ProcessBuilder(argv).redirectError(dir.resolve("err").toFile()).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(60, TimeUnit.SECONDS));
            String err = Files.readString(dir.resolve("err"));
            assertEquals(0, process.exitValue(), out + err);
            return new Result(out.lines().toList(), Files.readString(log), err);
        }
    }
}
