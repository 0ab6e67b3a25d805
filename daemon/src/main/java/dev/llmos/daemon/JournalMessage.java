package dev.llmos.daemon;

import dev.llmos.posix.PosixException;
import dev.llmos.posix.UnixDatagram;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * one journal entry in journald's native protocol (systemd's {@code sd_journal_send} wire format):
 * fields added in order, sent as one datagram to journald's socket. journald adds the trusted
 * fields ({@code _PID}, {@code _UID}, {@code _SYSTEMD_UNIT}, ...) itself from the sender's
 * credentials, so a unit's entries are found with {@code journalctl -u UNIT}.
 */
final class JournalMessage {
    private final ByteArrayOutputStream datagram = new ByteArrayOutputStream();

    /**
     * adds {@code KEY=value}, or the length-prefixed form when the value has a newline. keys are
     * upper-case ascii letters, digits and underscores, as journald requires.
     */
    JournalMessage field(String key, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        datagram.writeBytes(key.getBytes(StandardCharsets.US_ASCII));
        if (value.indexOf('\n') < 0) {
            datagram.write('=');
            datagram.writeBytes(bytes);
        } else {
            datagram.write('\n');
            datagram.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(bytes.length).array());
            datagram.writeBytes(bytes);
        }
        datagram.write('\n');
        return this;
    }

    /** the datagram as it is sent. */
    byte[] bytes() {
        return datagram.toByteArray();
    }

    /** sends the entry to journald at {@code socket}. */
    void send(Path socket) throws IOException {
        try {
            UnixDatagram.send(socket, bytes());
        } catch (PosixException e) {
            throw new IOException("cannot send to journald at " + socket + ": " + e.getMessage(), e);
        }
    }
}
