package dev.llmos.support.process;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * what a program wrote to one stream: the first bytes up to the run's limit (the head), the last
 * {@link #TAIL} bytes whatever the limit (the tail, for error messages), and how many bytes it wrote
 * in all. text is utf-8 with malformed bytes replaced (u+fffd), never cut inside a character.
 */
public final class Output {
    /** how much of the end of a stream is always kept: what an error carries of stderr. */
    public static final int TAIL = 4096;

    private static final Output EMPTY = new Output(new byte[0], new byte[0], 0);

    private final byte[] head;
    private final byte[] tail;
    private final long total;

    Output(byte[] head, byte[] tail, long total) {
        this.head = head;
        this.tail = tail;
        this.total = total;
    }

    /** nothing written (a stream that was not captured). */
    public static Output empty() {
        return EMPTY;
    }

    /** the head: the first bytes, at most the run's limit. */
    public byte[] bytes() {
        return head.clone();
    }

    /** every byte the program wrote, kept or not. */
    public long total() {
        return total;
    }

    /** true when the program wrote more than the head holds. */
    public boolean truncated() {
        return total > head.length;
    }

    /** how many bytes {@link #text()} leaves out: those past the head, and a character the head cut in two. */
    public long dropped() {
        return total - (truncated() ? boundary(head, head.length) : head.length);
    }

    /** the head as text; when truncated, it ends on the last whole character. */
    public String text() {
        return decode(head, 0, truncated() ? boundary(head, head.length) : head.length);
    }

    /** the last bytes written (up to {@link #TAIL}) as text, starting at a whole character. */
    public String tail() {
        int start = 0;
        while (start < tail.length && start < 4 && (tail[start] & 0xc0) == 0x80 && total > tail.length) {
            start++;
        }
        return decode(tail, start, tail.length);
    }

    /**
     * the end of {@code text} as {@link #tail()} gives a stream's: its last {@value #TAIL} bytes of
     * utf-8, starting at a whole character (for text a family filtered, such as stderr without
     * status lines).
     */
    public static String tailOf(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= TAIL) {
            return text;
        }
        int start = bytes.length - TAIL;
        while (start < bytes.length && (bytes[start] & 0xc0) == 0x80) {
            start++;
        }
        return decode(bytes, start, bytes.length);
    }

    /** the first line of the tail that says something, stripped; empty when there is none. */
    public String firstLine() {
        return tail().lines().map(String::strip).filter(line -> !line.isEmpty()).findFirst().orElse("");
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

    static String decode(byte[] bytes, int from, int to) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        try {
            return decoder.decode(ByteBuffer.wrap(bytes, from, to - from)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("a replacing decoder failed", e);
        }
    }

    @Override
    public String toString() {
        return truncated() ? text() + "…[" + dropped() + " more bytes]" : text();
    }
}
