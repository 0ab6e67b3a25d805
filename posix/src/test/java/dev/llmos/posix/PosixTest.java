package dev.llmos.posix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PosixTest {
    @Test
    void looksUpRootInTheUserDatabase() {
        Posix.Passwd root = Posix.passwd(0).orElseThrow();
        assertEquals("root", root.name());
        assertEquals(0, root.gid());
        assertEquals(root, Posix.passwd("root").orElseThrow());
        assertEquals("root", Posix.groupName(0).orElseThrow());
        assertEquals(java.util.OptionalInt.of(0), Posix.groupId("root"));
        assertTrue(Posix.groupId("no-such-group-here").isEmpty());
        assertTrue(Posix.passwd(1_999_999_999).isEmpty());
        assertTrue(Posix.passwd("no-such-user-here").isEmpty());
    }

    @Test
    void groupListIncludesThePrimaryGroup() {
        int[] groups = Posix.groupList("root", 0);
        assertTrue(groups.length >= 1);
        assertEquals(0, groups[0]);
        assertArrayEquals(groups, Posix.groupList("root", 0));
    }

    @Test
    void peerCredentialsNameThisProcess(@TempDir Path dir) throws IOException, PosixException {
        Path socket = dir.resolve("s");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            try (SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(socket));
                 SocketChannel accepted = server.accept()) {
                OptionalInt fd = SocketFds.fdOf(accepted);
                assertTrue(fd.isPresent(), "tests run with --add-exports java.base/sun.nio.ch");
                Posix.PeerCredentials peer = Posix.peerCredentials(fd.getAsInt());
                assertEquals(ProcessHandle.current().pid(), peer.pid());
                assertEquals(Posix.getuid(), peer.uid());
                assertEquals(Posix.getgid(), peer.gid());
                assertTrue(client.isConnected());
            }
        } finally {
            Files.deleteIfExists(socket);
        }
    }

    @Test
    void closingABadDescriptorReportsErrno() {
        PosixException e = org.junit.jupiter.api.Assertions.assertThrows(PosixException.class, () -> Posix.close(-1));
        assertEquals(9, e.errno());
    }
}
