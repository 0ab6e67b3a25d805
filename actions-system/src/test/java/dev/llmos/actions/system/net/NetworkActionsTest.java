package dev.llmos.actions.system.net;

import dev.llmos.action.testkit.TestContext;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.llmos.posix.Posix;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class NetworkActionsTest {
    private static final long SELF = ProcessHandle.current().pid();

    private static List<NetListeningAction.Listener> listening(NetListeningAction.Protocol protocol) throws Exception {
        return new NetListeningAction().execute(new NetListeningAction.Params(protocol), TestContext.readOnly()).sockets();
    }

    @Test
    void findsOurOwnTcpListener() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            NetListeningAction.Listener mine = listening(NetListeningAction.Protocol.TCP).stream()
                    .filter(l -> l.port() == server.getLocalPort()).findFirst().orElseThrow();
            assertEquals(new NetListeningAction.Listener(NetListeningAction.Protocol.TCP, Family.IPV4, "127.0.0.1",
                    server.getLocalPort(), SELF, "java", Posix.passwd(Posix.getuid()).orElseThrow().name()), mine);
        }
    }

    @Test
    void findsOurOwnUdpSocketAndFiltersByProtocol() throws Exception {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0))) {
            int port = socket.getLocalPort();
            NetListeningAction.Listener mine = listening(NetListeningAction.Protocol.ALL).stream()
                    .filter(l -> l.port() == port && l.protocol() == NetListeningAction.Protocol.UDP)
                    .findFirst().orElseThrow();
            assertEquals(SELF, mine.pid());
            assertEquals("127.0.0.1", mine.address());
            assertTrue(listening(NetListeningAction.Protocol.TCP).stream()
                    .allMatch(l -> l.protocol() == NetListeningAction.Protocol.TCP));
        }
    }

    @Test
    void decodesKernelHexAddresses() {
        assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN);
        assertEquals("127.0.0.1", InetText.format(SocketTable.address("0100007F")));
        assertEquals("::1", InetText.format(SocketTable.address("00000000000000000000000001000000")));
        assertEquals("127.0.0.1", InetText.format(InetText.unmapped(
                SocketTable.address("0000000000000000FFFF00000100007F"))));
        assertEquals("fe80::1", InetText.format(SocketTable.address("000080FE000000000000000001000000")));
        List<SocketTable.Row> rows = SocketTable.parse("""
                  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
                   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 31337 1 0
                """);
        assertEquals(List.of(new SocketTable.Row(Family.IPV4, "127.0.0.1", 8080, 0x0A, 1000, 31337)), rows);
    }

    @Test
    void formatsIpv6Canonically() {
        HexFormat hex = HexFormat.of();
        assertEquals("::", InetText.format(new byte[16]));
        assertEquals("2001:db8::1:0:0:1", InetText.format(hex.parseHex("20010db8000000000001000000000001")));
        assertEquals("2001:db8:0:1:1:1:1:1", InetText.format(hex.parseHex("20010db8000000010001000100010001")));
        assertEquals("1::", InetText.format(hex.parseHex("00010000000000000000000000000000")));
        assertEquals("::ffff:10.1.2.3", InetText.format(hex.parseHex("00000000000000000000ffff0a010203")));
        assertEquals("10.1.2.3", InetText.format(new byte[] {10, 1, 2, 3}));
    }

    @Test
    void loopbackHasItsAddress() throws Exception {
        List<NetInterfacesAction.Interface> interfaces = new NetInterfacesAction()
                .execute(new NetInterfacesAction.Params(), TestContext.readOnly()).interfaces();
        NetInterfacesAction.Interface lo = interfaces.stream().filter(i -> i.name().equals("lo")).findFirst()
                .orElseThrow();
        assertTrue(lo.addresses().contains(new NetInterfacesAction.Address(Family.IPV4, "127.0.0.1", 8)), lo.toString());
        assertTrue(lo.mtu() > 0);
        assertNotNull(lo.state());
        assertTrue(lo.rxBytes() >= 0 && lo.txBytes() >= 0);
        assertEquals("00:00:00:00:00:00", lo.mac());
        assertEquals(interfaces.stream().map(NetInterfacesAction.Interface::name).sorted().toList(),
                interfaces.stream().map(NetInterfacesAction.Interface::name).toList());
    }
}
