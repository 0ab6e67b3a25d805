package dev.llmos.openai;

import java.net.URI;
import java.nio.file.Path;

/**
 * where an openai-compatible api listens: an http(s) base url such as
 * {@code http://127.0.0.1:8080/v1}, or a unix socket whose server serves the api under {@code /v1}.
 */
public sealed interface Endpoint {
    /** the url of {@code path} below the api base, e.g. {@code chat/completions}. */
    URI resolve(String path);

    /**
     * parses {@code http://...}, {@code https://...}, {@code unix:/path/to.sock} or an absolute
     * socket path.
     */
    static Endpoint parse(String text) {
        if (text.startsWith("unix:")) {
            return new UnixSocket(Path.of(text.substring("unix:".length())));
        }
        if (text.startsWith("/")) {
            return new UnixSocket(Path.of(text));
        }
        URI uri = URI.create(text);
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new IllegalArgumentException("an endpoint is an http(s) url or a unix socket path, not " + text);
        }
        return new Http(uri);
    }

    /** an api reached over tcp; {@code base} usually ends in {@code /v1}. */
    record Http(URI base) implements Endpoint {
        public Http {
            if (base.getHost() == null || base.getRawQuery() != null || base.getRawFragment() != null) {
                throw new IllegalArgumentException("the base url needs a host and no query or fragment: " + base);
            }
        }

        @Override
        public URI resolve(String path) {
            String text = base.toString();
            return URI.create(text.endsWith("/") ? text + path : text + "/" + path);
        }

        @Override
        public String toString() {
            return base.toString();
        }
    }

    /** an api served over http/1.1 on a unix socket, under {@code /v1}. */
    record UnixSocket(Path socket) implements Endpoint {
        public UnixSocket {
            if (!socket.isAbsolute()) {
                throw new IllegalArgumentException("a unix socket path must be absolute: " + socket);
            }
        }

        @Override
        public URI resolve(String path) {
            return URI.create("http://localhost/v1/" + path);
        }

        @Override
        public String toString() {
            return "unix:" + socket;
        }
    }
}
