package dev.llmos.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.action.testkit.TestUsers;
import dev.llmos.protocol.Json;
import dev.llmos.protocol.RpcException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** runs {@link UserClient} as a real user, from a world-readable copy of its class. */
final class AsUser {
    private static final Path CLASSES = copyClient();

    private AsUser() {
    }

    private static Path copyClient() {
        try (InputStream in = UserClient.class.getResourceAsStream("UserClient.class")) {
            Path dir = Distribution.publicTempDir("llmos-e2e-client");
            Path pkg = Files.createDirectories(dir.resolve("dev/llmos/e2e"));
            for (Path p = pkg; !p.equals(dir); p = p.getParent()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            Path file = pkg.resolve("UserClient.class");
            Files.write(file, in.readAllBytes());
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> argv(TestUsers.User user, String... args) {
        List<String> command = new ArrayList<>(List.of(Distribution.JAVA, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", CLASSES.toString(), UserClient.class.getName()));
        command.addAll(List.of(args));
        return Run.as(user, command);
    }

    /** the replies to {@code each} requests pipelined on each of {@code connections} connections at once. */
    static List<JsonNode> send(TestUsers.User user, Path socket, int connections, int each, String body)
            throws IOException, InterruptedException {
        return run(user, "send", socket, connections, each, body);
    }

    /** the replies to {@code each} requests sent one after another's reply, on each of {@code connections}. */
    static List<JsonNode> ask(TestUsers.User user, Path socket, int connections, int each, String body)
            throws IOException, InterruptedException {
        return run(user, "ask", socket, connections, each, body);
    }

    private static List<JsonNode> run(TestUsers.User user, String mode, Path socket, int connections, int each,
            String body) throws IOException, InterruptedException {
        Run run = Run.of(argv(user, mode, socket.toString(), Integer.toString(connections), Integer.toString(each), body));
        if (run.exit() != 0 || !run.out().strip().endsWith("DONE")) {
            throw new IOException("the client failed: " + run);
        }
        return frames(run.out().lines().toList());
    }

    private static List<JsonNode> frames(List<String> lines) {
        List<JsonNode> frames = new ArrayList<>();
        for (String line : lines) {
            if (line.equals("DONE")) {
                continue;
            }
            try {
                frames.add(Json.parse(line.getBytes(StandardCharsets.UTF_8)));
            } catch (RpcException e) {
                throw new IllegalStateException("the client printed " + line, e);
            }
        }
        return frames;
    }

    /** connections a user holds open until {@link #close()}. */
    static final class Held implements AutoCloseable {
        private final Process process;
        final List<JsonNode> replies;

        private Held(Process process, List<JsonNode> replies) {
            this.process = process;
            this.replies = replies;
        }

        long accepted() {
            return replies.stream().filter(reply -> reply.has("result")).count();
        }

        List<JsonNode> refused() {
            return replies.stream().filter(reply -> reply.has("error")).toList();
        }

        @Override
        public void close() throws IOException, InterruptedException {
            process.getOutputStream().close();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    /** {@code user} opens {@code count} connections and pings on each; those answered stay open. */
    static Held hold(TestUsers.User user, Path socket, int count) throws IOException {
        Process process = new ProcessBuilder(argv(user, "hold", socket.toString(), Integer.toString(count)))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        List<String> lines = new ArrayList<>();
        String line;
        while ((line = out.readLine()) != null && !line.equals("DONE")) {
            lines.add(line);
        }
        if (line == null) {
            process.destroyForcibly();
            throw new IOException("the holding client ended early: " + lines);
        }
        return new Held(process, frames(lines));
    }
}
