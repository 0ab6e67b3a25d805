package dev.llmos.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * the sidecar {@code audit.head}: the seq and hash of the last committed record, rewritten in
 * place after every commit, so that removing records from the end of the log is detected. it is a
 * fixed-size line ({@code {"seq":N,"hash":"..."}} padded with spaces), one write within a sector.
 *
 * <p>it is written after the log's fsync, so it never runs ahead of the durable log. it is not
 * fsynced on every commit (that would double the fsyncs): after a process crash (kill -9) it is
 * exact up to the last synced record, since the page cache survives (records appended unsynced after
 * it are in the log, and open moves the head forward over them as below); after a power loss it may lag the log by the writes the
 * kernel had not flushed, and open then moves it forward after checking the chain links it to the
 * log. it is fsynced on rotation and close.
 */
final class HeadFile {
    static final String NAME = "audit.head";
    private static final int SIZE = 128;
    private static final Pattern FORMAT = Pattern.compile("\\{\"seq\":(\\d{1,18}),\"hash\":\"([0-9a-f]{64})\"\\} *\n");

    /**
     * the last committed record.
     *
     * @param seq its seq; 0 for an empty log
     * @param hash its hash; {@link AuditRecord#GENESIS} for an empty log
     */
    record Head(long seq, String hash) {
        static final Head EMPTY = new Head(0, AuditRecord.GENESIS);
    }

    private final FileChannel channel;

    HeadFile(FileChannel channel) {
        this.channel = channel;
    }

    /** the head as stored, or null when the file is empty or unreadable. */
    Head read() throws IOException {
        if (channel.size() != SIZE) {
            return null;
        }
        ByteBuffer buf = ByteBuffer.allocate(SIZE);
        while (buf.hasRemaining()) {
            if (channel.read(buf, buf.position()) < 0) {
                return null;
            }
        }
        Matcher matcher = FORMAT.matcher(new String(buf.array(), StandardCharsets.US_ASCII));
        return matcher.matches() ? new Head(Long.parseLong(matcher.group(1)), matcher.group(2)) : null;
    }

    void write(Head head) throws IOException {
        String text = "{\"seq\":" + head.seq() + ",\"hash\":\"" + head.hash() + "\"}";
        ByteBuffer buf = ByteBuffer.wrap((text + " ".repeat(SIZE - 1 - text.length()) + "\n")
                .getBytes(StandardCharsets.US_ASCII));
        while (buf.hasRemaining()) {
            channel.write(buf, buf.position());
        }
    }

    void force() throws IOException {
        channel.force(false);
    }
}
