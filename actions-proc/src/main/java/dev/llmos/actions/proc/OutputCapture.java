package dev.llmos.actions.proc;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * drains one output stream of a program on its own thread, so the program never blocks on a full
 * pipe: keeps the first {@code limit} bytes and counts the rest. the text is utf-8 (malformed bytes
 * become u+fffd), cut on a character boundary, followed by {@code …[truncated N bytes]} when bytes
 * were dropped.
 */
final class OutputCapture {
    /** how much of the end of stderr an error report carries. */
    static final int TAIL = 2048;

    private final InputStream in;
    private final int limit;
    private final ByteArrayOutputStream kept;
    private final byte[] tail = new byte[TAIL];
    private long total;
    private final Thread thread;

    private OutputCapture(InputStream in, int limit, String name) {
        this.in = in;
        this.limit = limit;
        this.kept = new ByteArrayOutputStream(Math.min(limit, 8192));
        this.thread = Thread.ofVirtual().name(name).start(this::drain);
    }

    static OutputCapture start(InputStream in, int limit, String name) {
        return new OutputCapture(in, limit, name);
    }

    private void drain() {
        byte[] buffer = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                synchronized (this) {
                    int keep = (int) Math.max(0, Math.min(n, limit - total));
                    kept.write(buffer, 0, keep);
                    remember(buffer, n);
                    total += n;
                }
            }
        } catch (IOException e) {
            // the stream was closed under us (a killed run whose descendants held it): what was read stays
        }
    }

    /** keeps the last {@link #TAIL} bytes seen, for error reports. */
    private void remember(byte[] buffer, int n) {
        if (n >= TAIL) {
            System.arraycopy(buffer, n - TAIL, tail, 0, TAIL);
        } else {
            System.arraycopy(tail, n, tail, 0, TAIL - n);
            System.arraycopy(buffer, 0, tail, TAIL - n, n);
        }
    }

    /** waits up to {@code millis} for the end of the stream; then stops reading (the stream is closed). */
    void finish(long millis) {
        try {
            if (!thread.join(java.time.Duration.ofMillis(millis))) {
                in.close();
                thread.join(java.time.Duration.ofMillis(500));
            }
        } catch (IOException e) {
            // closing is best effort: the reader then ends on its own
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** every byte the program wrote, kept or not. */
    synchronized long total() {
        return total;
    }

    /** the kept text, with the truncation marker when bytes were dropped. */
    synchronized String text() {
        byte[] bytes = kept.toByteArray();
        int length = bytes.length;
        if (total > length) {
            length = boundary(bytes, length);
        }
        String text = decode(bytes, length);
        long dropped = total - length;
        return dropped > 0 ? text + "…[truncated " + dropped + " bytes]" : text;
    }

    /** the last bytes written (up to {@link #TAIL}), as text, for error messages. */
    synchronized String tail() {
        int n = (int) Math.min(total, TAIL);
        byte[] last = new byte[n];
        System.arraycopy(tail, TAIL - n, last, 0, n);
        int start = 0;
        while (start < n && start < 4 && (last[start] & 0xc0) == 0x80) {
            start++;
        }
        return new String(last, start, n - start, StandardCharsets.UTF_8);
    }

    /** the longest prefix of {@code bytes[0, length)} that does not end inside a utf-8 sequence. */
    static int boundary(byte[] bytes, int length) {
        int lead = length - 1;
        int back = 0;
        while (lead >= 0 && back < 3 && (bytes[lead] & 0xc0) == 0x80) {
            lead--;
            back++;
        }
        if (lead < 0) {
            return length;
        }
        int b = bytes[lead] & 0xff;
        int needed = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
        return length - lead >= needed ? length : lead;
    }

    private static String decode(byte[] bytes, int length) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        try {
            return decoder.decode(ByteBuffer.wrap(bytes, 0, length)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalStateException("a replacing decoder failed", e);
        }
    }
}
