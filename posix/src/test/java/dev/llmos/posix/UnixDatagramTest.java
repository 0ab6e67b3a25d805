package dev.llmos.posix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** the datagram path's failures; delivery to journald is proven by the e2e journal anchor test. */
class UnixDatagramTest {
    @TempDir
    Path dir;

    @Test
    void aMissingSocketIsEnoent() {
        PosixException e = assertThrows(PosixException.class,
                () -> UnixDatagram.send(dir.resolve("absent.sock"), "x".getBytes(StandardCharsets.UTF_8)));
        assertEquals(2, e.errno());
    }

    @Test
    void aStreamSocketRefusesADatagram() throws Exception {
        Path path = dir.resolve("stream.sock");
        try (ServerSocketChannel stream = ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            stream.bind(UnixDomainSocketAddress.of(path));
            PosixException e = assertThrows(PosixException.class,
                    () -> UnixDatagram.send(path, "x".getBytes(StandardCharsets.UTF_8)));
            // eprototype (91): the socket at the path is not a datagram socket
            assertEquals(91, e.errno());
        }
    }
}
