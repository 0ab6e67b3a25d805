package dev.llmos.openai;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.unixdomain.server.UnixDomainServerConnector;
import org.eclipse.jetty.util.Callback;

/** a real http server that answers with scripted responses and records what it received. */
final class StubApi implements AutoCloseable {
    /** a scripted answer; {@code delay} holds it back to provoke timeouts. */
    record Reply(int status, String body, Map<String, String> headers, Duration delay) {
        static Reply ok(String body) {
            return new Reply(200, body, Map.of(), Duration.ZERO);
        }

        static Reply status(int status, String body) {
            return new Reply(status, body, Map.of(), Duration.ZERO);
        }
    }

    /** what one request carried. */
    record Received(String method, String path, String authorization, String body) {
    }

    private final Server server = new Server();
    private final Deque<Reply> replies = new ArrayDeque<>();
    private final List<Received> received = new ArrayList<>();

    private StubApi() {
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                String body = Content.Source.asString(request, StandardCharsets.UTF_8);
                Reply reply;
                synchronized (StubApi.this) {
                    received.add(new Received(request.getMethod(), Request.getPathInContext(request),
                            request.getHeaders().get(HttpHeader.AUTHORIZATION), body));
                    reply = replies.isEmpty() ? Reply.status(500, "{\"error\":{\"message\":\"no reply scripted\"}}") : replies.poll();
                }
                Thread.sleep(reply.delay());
                response.setStatus(reply.status());
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
                reply.headers().forEach(response.getHeaders()::put);
                response.write(true, ByteBuffer.wrap(reply.body().getBytes(StandardCharsets.UTF_8)), callback);
                return true;
            }
        });
    }

    static StubApi onUnixSocket(Path socket) throws Exception {
        StubApi stub = new StubApi();
        UnixDomainServerConnector connector = new UnixDomainServerConnector(stub.server);
        connector.setUnixDomainPath(socket);
        stub.server.addConnector(connector);
        stub.server.start();
        return stub;
    }

    static StubApi onLoopback() throws Exception {
        StubApi stub = new StubApi();
        ServerConnector connector = new ServerConnector(stub.server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        stub.server.addConnector(connector);
        stub.server.start();
        return stub;
    }

    int port() {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    synchronized StubApi then(Reply reply) {
        replies.add(reply);
        return this;
    }

    synchronized List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
