package dev.llmos.actions.system.user;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * the login sessions in a utmp(5) file as glibc writes it on 64-bit linux: records of 384 bytes, of which
 * those of type {@code USER_PROCESS} are people logged in. pure: bytes in, sessions out.
 */
public final class Utmp {
    static final int RECORD = 384;
    private static final int USER_PROCESS = 7;

    /**
     * one login.
     *
     * @param tty the terminal line, e.g. {@code pts/0}
     * @param host where from, or null for a local login
     */
    public record Session(String user, String tty, String host, int pid, Instant since) {
    }

    private Utmp() {
    }

    /** the logged-in sessions in {@code bytes}; a trailing partial record is ignored. */
    static List<Session> sessions(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        List<Session> sessions = new ArrayList<>();
        for (int at = 0; at + RECORD <= bytes.length; at += RECORD) {
            if (buffer.getShort(at) != USER_PROCESS) {
                continue;
            }
            String user = text(bytes, at + 44, 32);
            if (user.isEmpty()) {
                continue;
            }
            String host = text(bytes, at + 76, 256);
            sessions.add(new Session(user, text(bytes, at + 8, 32), host.isEmpty() ? null : host,
                    buffer.getInt(at + 4), Instant.ofEpochSecond(Integer.toUnsignedLong(buffer.getInt(at + 340)))));
        }
        return sessions;
    }

    private static String text(byte[] bytes, int from, int length) {
        int end = from;
        while (end < from + length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, from, end - from, StandardCharsets.UTF_8);
    }
}
