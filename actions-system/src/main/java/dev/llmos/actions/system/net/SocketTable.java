package dev.llmos.actions.system.net;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * the rows of {@code /proc/net/tcp}, {@code tcp6}, {@code udp} and {@code udp6}. the kernel prints
 * a local address as 32-bit words in host byte order and the port as a number, both in hex:
 * {@code 0100007F:1F90} is 127.0.0.1:8080 on a little-endian machine.
 */
final class SocketTable {
    /** {@code TCP_LISTEN}: a tcp socket accepting connections. */
    static final int LISTEN = 0x0A;
    /** {@code TCP_CLOSE}: for udp, a bound socket with no fixed peer, which is how udp servers wait. */
    static final int UNCONNECTED = 0x07;

    private SocketTable() {
    }

    /**
     * one socket.
     *
     * @param address the local address, ipv4-mapped ipv6 given as ipv4
     * @param uid the socket's owner
     * @param inode the socket inode, which {@code /proc/[pid]/fd} links name as {@code socket:[inode]}
     */
    record Row(Family family, String address, int port, int state, int uid, long inode) {
    }

    static List<Row> parse(String table) {
        List<Row> rows = new ArrayList<>();
        String[] lines = table.split("\n");
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].strip().split("\\s+");
            if (f.length < 10) {
                continue;
            }
            int colon = f[1].indexOf(':');
            byte[] address = InetText.unmapped(address(f[1].substring(0, colon)));
            rows.add(new Row(Family.of(address), InetText.format(address), Integer.parseInt(f[1].substring(colon + 1), 16),
                    Integer.parseInt(f[3], 16), Integer.parseInt(f[7]), Long.parseLong(f[9])));
        }
        return rows;
    }

    /** decodes 8 (ipv4) or 32 (ipv6) hex digits of host-order 32-bit words into network-order bytes. */
    static byte[] address(String hex) {
        ByteBuffer bytes = ByteBuffer.allocate(hex.length() / 2).order(ByteOrder.nativeOrder());
        for (int i = 0; i < hex.length(); i += 8) {
            bytes.putInt(Integer.parseUnsignedInt(hex, i, i + 8, 16));
        }
        return bytes.array();
    }
}
