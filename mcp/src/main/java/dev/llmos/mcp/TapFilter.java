package dev.llmos.mcp;

import dev.llmos.protocol.Json;
import dev.llmos.protocol.RpcException;
import io.modelcontextprotocol.spec.HttpHeaders;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * {@link InboundTap} for streamable http: each posted message, bounded and parsed strictly,
 * with its session from the {@code Mcp-Session-Id} header. a body that is not json is answered
 * here (400 with a json-rpc parse error).
 */
final class TapFilter extends HttpFilter {
    private final transient InboundTap tap;

    TapFilter(InboundTap tap) {
        this.tap = tap;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!request.getMethod().equals("POST")) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body = request.getInputStream().readNBytes(StdioTap.MAX_LINE_BYTES + 1);
        if (body.length > StdioTap.MAX_LINE_BYTES) {
            response.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
            return;
        }
        String session = request.getHeader(HttpHeaders.MCP_SESSION_ID);
        byte[] tapped;
        try {
            tapped = Json.toBytes(tap.apply(Json.parse(body), session == null ? "" : session));
        } catch (RpcException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            response.setContentType("application/json");
            response.getOutputStream().write(Json.toBytes(Json.MAPPER.createObjectNode().put("jsonrpc", "2.0")
                    .putNull("id").set("error", Json.toTree(e.error()))));
            return;
        }
        chain.doFilter(new Body(request, tapped), response);
    }

    /** the request with the tapped message as its body. */
    private static final class Body extends HttpServletRequestWrapper {
        private final byte[] bytes;

        Body(HttpServletRequest request, byte[] bytes) {
            super(request);
            this.bytes = bytes;
        }

        @Override
        public int getContentLength() {
            return bytes.length;
        }

        @Override
        public long getContentLengthLong() {
            return bytes.length;
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8));
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(bytes);
            return new ServletInputStream() {
                @Override
                public int read() throws IOException {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    return in.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the tapped body is read blocking");
                }
            };
        }
    }
}
