package dev.llmos.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.protocol.FrameReader;
import dev.llmos.protocol.Json;
import dev.llmos.protocol.Request;
import dev.llmos.protocol.RpcException;
import dev.llmos.protocol.Utf8;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * the bytes a client sends, as the daemon's connection reads them: newline framing under a size
 * bound, strict utf-8 and json, the json-rpc envelope. anything but a protocol error is a finding
 * (the daemon would answer -32603), and so is a frame accepted that is not strict utf-8 or that
 * does not survive re-encoding unchanged.
 */
class FrameDecoderFuzzTest {
    private static final int LIMIT = 4096;

    @FuzzTest(maxDuration = "5s")
    void decode(byte[] stream) throws IOException {
        FrameReader reader = new FrameReader(new ByteArrayInputStream(stream), LIMIT);
        while (true) {
            byte[] frame;
            try {
                frame = reader.next();
            } catch (FrameReader.FrameTooLargeException e) {
                return;
            }
            if (frame == null) {
                return;
            }
            Invariants.require(frame.length <= LIMIT, "a frame past the bound was returned");
            decodeOne(frame);
        }
    }

    private static void decodeOne(byte[] frame) {
        JsonNode node;
        try {
            node = Json.parse(frame);
        } catch (RpcException e) {
            Invariants.requireCode(e, -32700);
            return;
        }
        Invariants.require(Utf8.firstInvalid(frame) < 0, "a frame that is not strict utf-8 was parsed");
        try {
            Invariants.require(node.equals(Json.parse(Json.toBytes(node))), "re-encoding changed the frame");
        } catch (RpcException e) {
            throw new IllegalStateException("the daemon's own encoding of a parsed frame does not parse", e);
        }
        Request.salvageId(node);
        try {
            Request request = Request.decode(node);
            Invariants.require(request.method() != null && !request.method().isEmpty(), "a request without a method");
            Invariants.require(request.equals(Request.decode(request.encode())), "a request does not survive encoding");
        } catch (RpcException e) {
            Invariants.requireCode(e, -32600);
        }
    }
}
