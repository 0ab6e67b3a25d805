package dev.llmos.support.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * drains one output stream of a program on its own virtual thread, so the program never blocks on
 * a full pipe: keeps the first {@code limit} bytes, the last {@link Output#TAIL} bytes, counts all
 * of them, and hands each line to a listener when there is one.
 */
final class Capture {
    /** a line longer than this reaches the listener cut to this many bytes. */
    static final int MAX_LINE = 64 * 1024;

    private final InputStream in;
    private final int limit;
    private final Consumer<String> lines;
    private final ByteArrayOutputStream head;
    private final byte[] ring = new byte[Output.TAIL];
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private long total;
    private Thread thread;

    private Capture(InputStream in, int limit, Consumer<String> lines) {
        this.in = in;
        this.limit = limit;
        this.lines = lines;
        this.head = new ByteArrayOutputStream(Math.min(limit, 8192));
    }

    /** starts draining {@code in} on a virtual thread named {@code name}. */
    static Capture start(InputStream in, int limit, Consumer<String> lines, String name) {
        Capture capture = new Capture(in, limit, lines);
        capture.thread = Thread.ofVirtual().name(name).start(capture::drain);
        return capture;
    }

    /** reads {@code in} to its end on this thread (a finished program's output file). */
    static Output readAll(InputStream in, int limit) {
        Capture capture = new Capture(in, limit, null);
        capture.drain();
        return capture.output();
    }

    private void drain() {
        byte[] buffer = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                keep(buffer, n);
                if (lines != null) {
                    split(buffer, n);
                }
            }
        } catch (IOException e) {
            // the stream was closed under us (the program was stopped, or a descendant kept it open): what was read stays
        }
        if (lines != null && line.size() > 0) {
            lines.accept(Output.decode(line.toByteArray(), 0, line.size()));
        }
    }

    private synchronized void keep(byte[] buffer, int n) {
        int room = (int) Math.max(0, Math.min(n, limit - total));
        head.write(buffer, 0, room);
        if (n >= Output.TAIL) {
            System.arraycopy(buffer, n - Output.TAIL, ring, 0, Output.TAIL);
        } else {
            System.arraycopy(ring, n, ring, 0, Output.TAIL - n);
            System.arraycopy(buffer, 0, ring, Output.TAIL - n, n);
        }
        total += n;
    }

    private void split(byte[] buffer, int n) {
        for (int i = 0; i < n; i++) {
            if (buffer[i] == '\n') {
                lines.accept(Output.decode(line.toByteArray(), 0, line.size()));
                line.reset();
            } else if (line.size() < MAX_LINE) {
                line.write(buffer[i]);
            }
        }
    }

    /** true once more than {@code limit} bytes came. */
    synchronized boolean full() {
        return total > limit;
    }

    /**
     * waits up to {@code wait} for the end of the stream (a descendant that inherited it may hold it
     * open long after the program exited), then stops reading, and gives what was read.
     */
    Output finish(Duration wait) throws InterruptedException {
        if (!thread.join(wait)) {
            try {
                in.close();
            } catch (IOException e) {
                // best effort: the reader then ends on its own
            }
            thread.join(Duration.ofMillis(500));
        }
        return output();
    }

    private synchronized Output output() {
        int kept = (int) Math.min(total, Output.TAIL);
        byte[] tail = new byte[kept];
        System.arraycopy(ring, Output.TAIL - kept, tail, 0, kept);
        return new Output(head.toByteArray(), tail, total);
    }
}
