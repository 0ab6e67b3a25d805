package dev.llmos.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.protocol.FrameReader;
import dev.llmos.protocol.Json;
import dev.llmos.protocol.Request;
import dev.llmos.protocol.Response;
import dev.llmos.protocol.RpcException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;

/**
 * the stdio transport's input as the sdk reads it: each line from the client, bounded, parsed
 * strictly, checked to be one json-rpc message, and passed through {@link InboundTap}. a line
 * that is not json (-32700) or not a json-rpc message (-32600, a batch included) is answered here
 * and dropped: the sdk's stdio transport would stop reading at it, leaving a server that no longer
 * hears its client. {@link #ended()} counts down when the client closes its end.
 */
final class StdioTap extends InputStream {
    /** the longest line accepted: the daemon takes 1 mib frames, so more could never be run anyway. */
    static final int MAX_LINE_BYTES = 2 << 20;

    private final FrameReader lines;
    private final OutputStream out;
    private final InboundTap tap;
    private final PrintWriter err;
    private final CountDownLatch ended = new CountDownLatch(1);
    private byte[] buffer = new byte[0];
    private int position;

    /**
     * @param out the stream the sdk writes to; parse errors are written under its lock, as the sdk writes
     * @param err where a broken input stream is reported
     */
    StdioTap(InputStream in, OutputStream out, InboundTap tap, PrintWriter err) {
        this.lines = new FrameReader(in, MAX_LINE_BYTES);
        this.out = out;
        this.tap = tap;
        this.err = err;
    }

    CountDownLatch ended() {
        return ended;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (position >= buffer.length) {
            if (!fill()) {
                return -1;
            }
        }
        int n = Math.min(length, buffer.length - position);
        System.arraycopy(buffer, position, target, offset, n);
        position += n;
        return n;
    }

    private boolean fill() throws IOException {
        byte[] line;
        try {
            line = lines.next();
        } catch (IOException e) {
            err.println("llmsh mcp: " + e.getMessage() + "; closing the session");
            err.flush();
            line = null;
        }
        if (line == null) {
            ended.countDown();
            return false;
        }
        buffer = new byte[0];
        position = 0;
        if (line.length == 0) {
            return true;
        }
        JsonNode message = null;
        try {
            message = Json.parse(line);
            if (message.has("method")) {
                Request.decode(message);
            } else {
                Response.decode(message);
            }
            byte[] tapped = Json.toBytes(tap.apply(message, "stdio"));
            buffer = new byte[tapped.length + 1];
            System.arraycopy(tapped, 0, buffer, 0, tapped.length);
            buffer[tapped.length] = '\n';
        } catch (RpcException e) {
            answer(Request.salvageId(message), e);
        }
        return true;
    }

    private void answer(JsonNode id, RpcException e) throws IOException {
        byte[] bytes = Json.toBytes(Response.failure(id, e.error()).encode());
        synchronized (out) {
            out.write(bytes);
            out.write('\n');
            out.flush();
        }
    }
}
