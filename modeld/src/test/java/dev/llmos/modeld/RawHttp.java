package dev.llmos.modeld;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.protocol.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.StringRequestContent;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Transport;

/** plain http requests over a unix socket, for what an api client would refuse to send. */
final class RawHttp implements AutoCloseable {
    /** a status and its json body. */
    record Reply(int status, JsonNode body) {
    }

    private final HttpClient client = new HttpClient();
    private final Path socket;

    RawHttp(Path socket) throws Exception {
        this.socket = socket;
        client.start();
    }

    Reply get(String path) throws Exception {
        return send(client.newRequest("http://localhost" + path).method(HttpMethod.GET));
    }

    Reply post(String path, String body) throws Exception {
        return send(client.newRequest("http://localhost" + path).method(HttpMethod.POST)
                .body(new StringRequestContent("application/json", body)));
    }

    private Reply send(Request request) throws Exception {
        ContentResponse response = request.transport(new Transport.TCPUnix(socket)).timeout(60, TimeUnit.SECONDS).send();
        String text = new String(response.getContent(), StandardCharsets.UTF_8);
        try {
            return new Reply(response.getStatus(), Json.MAPPER.readTree(text));
        } catch (IOException e) {
            throw new IllegalStateException("not json (" + response.getStatus() + "): " + text, e);
        }
    }

    @Override
    public void close() throws Exception {
        client.stop();
    }
}
