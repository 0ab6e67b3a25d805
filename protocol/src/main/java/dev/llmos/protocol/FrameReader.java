package dev.llmos.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * reads newline-delimited frames with a hard size bound, so a hostile peer cannot make the reader
 * buffer more than {@link #MAX_FRAME_BYTES}. not thread-safe: one reader per connection.
 */
public final class FrameReader {
    /** the largest frame accepted, without its newline: 1 mib. */
    public static final int MAX_FRAME_BYTES = 1 << 20;

    /** thrown when a frame exceeds the bound; the stream is then out of sync and must be closed. */
    public static final class FrameTooLargeException extends IOException {
        public FrameTooLargeException(int limit) {
            super("frame exceeds " + limit + " bytes");
        }
    }

    private final InputStream in;
    private final int limit;
    private final byte[] buffer = new byte[64 * 1024];
    private int start;
    private int end;

    public FrameReader(InputStream in) {
        this(in, MAX_FRAME_BYTES);
    }

    public FrameReader(InputStream in, int limit) {
        this.in = in;
        this.limit = limit;
    }

    /** the next frame without its newline, or null at end of stream (a partial last frame is dropped). */
    public byte[] next() throws IOException {
        byte[] frame = null;
        int frameLength = 0;
        while (true) {
            for (int i = start; i < end; i++) {
                if (buffer[i] == '\n') {
                    int chunk = i - start;
                    if (frameLength + chunk > limit) {
                        throw new FrameTooLargeException(limit);
                    }
                    byte[] out;
                    if (frame == null) {
                        out = Arrays.copyOfRange(buffer, start, i);
                    } else {
                        out = Arrays.copyOf(frame, frameLength + chunk);
                        System.arraycopy(buffer, start, out, frameLength, chunk);
                    }
                    start = i + 1;
                    return stripCarriageReturn(out);
                }
            }
            int pending = end - start;
            if (pending > 0) {
                if (frameLength + pending > limit) {
                    throw new FrameTooLargeException(limit);
                }
                frame = frame == null ? new byte[Math.max(pending * 2, 1024)] : frame;
                if (frame.length < frameLength + pending) {
                    frame = Arrays.copyOf(frame, Math.max(frame.length * 2, frameLength + pending));
                }
                System.arraycopy(buffer, start, frame, frameLength, pending);
                frameLength += pending;
            }
            start = 0;
            end = in.read(buffer, 0, buffer.length);
            if (end < 0) {
                end = 0;
                return null;
            }
        }
    }

    private static byte[] stripCarriageReturn(byte[] frame) {
        int n = frame.length;
        return n > 0 && frame[n - 1] == '\r' ? Arrays.copyOf(frame, n - 1) : frame;
    }
}
