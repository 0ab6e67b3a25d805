package dev.llmos.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * a protocol client the tests run as another user (started through {@link AsUser}): it depends on
 * the jdk alone, so it runs from a copy of this one class. it prints every reply frame it reads,
 * one per line, then {@code DONE}.
 *
 * <ul>
 * <li>{@code hold SOCKET N}: open n connections, ping on each, keep those answered until stdin closes;
 * <li>{@code send SOCKET CONNS EACH BODY}: on each of the connections at once, send each request
 *     {@code {"jsonrpc":"2.0","id":K,BODY}} at once (pipelined);
 * <li>{@code ask SOCKET CONNS EACH BODY}: the same, each request sent after the previous reply.
 * </ul>
 */
public final class UserClient {
    private static final PrintStream OUT = new PrintStream(System.out, true, StandardCharsets.UTF_8);

    private UserClient() {
    }

    public static void main(String[] args) throws Exception {
        Path socket = Path.of(args[1]);
        switch (args[0]) {
            case "hold" -> hold(socket, Integer.parseInt(args[2]));
            case "send" -> send(socket, Integer.parseInt(args[2]), Integer.parseInt(args[3]), args[4], true);
            case "ask" -> send(socket, Integer.parseInt(args[2]), Integer.parseInt(args[3]), args[4], false);
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    private static void hold(Path socket, int count) throws IOException {
        List<SocketChannel> held = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            SocketChannel channel;
            try {
                channel = SocketChannel.open(UnixDomainSocketAddress.of(socket));
            } catch (IOException e) {
                OUT.println("{\"connect_failed\":\"" + e.getMessage() + "\"}");
                continue;
            }
            try {
                write(channel, "{\"jsonrpc\":\"2.0\",\"id\":" + i + ",\"method\":\"system.ping\"}\n");
            } catch (IOException e) {
                // refused at once: the daemon wrote why and closed before reading the ping
            }
            String reply = readLine(channel);
            OUT.println(reply == null ? "{\"closed\":true}" : reply);
            if (reply != null && reply.contains("\"result\"")) {
                held.add(channel);
            } else {
                channel.close();
            }
        }
        OUT.println("DONE");
        // keep them until the test closes our stdin
        while (System.in.read() >= 0) {
            // nothing to do
        }
        for (SocketChannel channel : held) {
            channel.close();
        }
    }

    private static void send(Path socket, int connections, int each, String body, boolean pipelined) throws Exception {
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            int base = c * each;
            threads.add(Thread.ofPlatform().start(() -> {
                try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
                    BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel),
                            StandardCharsets.UTF_8));
                    for (int i = 0; i < (pipelined ? each : 0); i++) {
                        write(channel, request(base + i, body));
                    }
                    int answered = 0;
                    while (answered < each) {
                        if (!pipelined) {
                            write(channel, request(base + answered, body));
                        }
                        String line = in.readLine();
                        if (line == null) {
                            OUT.println("{\"closed\":true}");
                            return;
                        }
                        if (line.contains("\"method\"")) {
                            continue;
                        }
                        OUT.println(line);
                        answered++;
                    }
                } catch (IOException e) {
                    OUT.println("{\"connect_failed\":\"" + e.getMessage() + "\"}");
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        OUT.println("DONE");
    }

    private static String request(int id, String body) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + "," + body + "\n";
    }

    private static void write(SocketChannel channel, String text) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /** one line, read byte by byte so nothing after it is consumed. */
    private static String readLine(SocketChannel channel) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        while (true) {
            one.clear();
            if (channel.read(one) < 0) {
                return bytes.size() == 0 ? null : bytes.toString(StandardCharsets.UTF_8);
            }
            if (one.get(0) == '\n') {
                return bytes.toString(StandardCharsets.UTF_8);
            }
            bytes.write(one.get(0));
        }
    }
}
