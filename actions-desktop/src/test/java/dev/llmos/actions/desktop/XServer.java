package dev.llmos.actions.desktop;

import dev.llmos.action.Programs;
import dev.llmos.support.process.Ending;
import dev.llmos.support.process.Output;
import dev.llmos.support.process.ProcessRunner;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * a real x server for tests: xvfb on a free display (it picks the number and reports it through
 * {@code -displayfd}), with access control on: only clients holding the random cookie in
 * {@link #xauthority()} may connect. the clients it starts (xterm, xev, a window manager) die
 * with it. one shared instance serves a whole test jvm; others can be started for special
 * screens (other depths, a window manager).
 */
final class XServer implements AutoCloseable {
    private static XServer shared;

    private final Path dir;
    private final Process server;
    private final String display;
    private final Path xauthority;
    private final Path wrongCookie;
    private final List<Process> clients = new ArrayList<>();

    private XServer(Path dir, Process server, String display, Path xauthority, Path wrongCookie) {
        this.dir = dir;
        this.server = server;
        this.display = display;
        this.xauthority = xauthority;
        this.wrongCookie = wrongCookie;
    }

    /** the programs the desktop tests and actions drive, each with the debian package that installs it. */
    private static final Map<String, String> TOOLS = new java.util.TreeMap<>(Map.ofEntries(
            Map.entry("Xvfb", "xvfb"), Map.entry("xauth", "xauth"), Map.entry("xdotool", "xdotool"),
            Map.entry("xdpyinfo", "x11-utils"), Map.entry("xprop", "x11-utils"), Map.entry("xwininfo", "x11-utils"),
            Map.entry("xev", "x11-utils"), Map.entry("xwd", "x11-apps"), Map.entry("xwud", "x11-apps"),
            Map.entry("xclip", "xclip"), Map.entry("xrandr", "x11-xserver-utils"),
            Map.entry("xsetroot", "x11-xserver-utils"), Map.entry("xterm", "xterm"), Map.entry("openbox", "openbox")));

    /**
     * skips the calling test (or test class, from {@code @BeforeAll}) when an x tool it needs is not
     * installed, naming what to install: a machine without them lacks a fixture, the code is not wrong.
     */
    static void assumeTools() {
        List<String> missing = TOOLS.keySet().stream().filter(tool -> Programs.resolve(tool).isEmpty()).toList();
        Assumptions.assumeTrue(missing.isEmpty(), () -> "the desktop tests need " + String.join(", ", missing)
                + " (apt install " + String.join(" ", new java.util.TreeSet<>(missing.stream().map(TOOLS::get).toList()))
                + ")");
    }

    /** the server every test class shares: 1024x768, 24 bits, no window manager; stopped when the jvm exits. */
    static synchronized XServer shared() {
        assumeTools();
        if (shared == null) {
            try {
                shared = start("1024x768x24");
            } catch (IOException e) {
                throw new IllegalStateException("cannot start xvfb: " + e.getMessage(), e);
            }
            XServer server = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        }
        return shared;
    }

    /** a new server with one screen of {@code geometry} ({@code WxHxDEPTH}). */
    static XServer start(String geometry) throws IOException {
        assumeTools();
        Path dir = Files.createTempDirectory("llmos-xvfb-");
        String cookie = HexFormat.of().formatHex(random(16));
        Path serverAuth = dir.resolve("server.auth");
        // the server reads every cookie in its file, whatever display it names
        run(List.of("xauth", "-q", "-f", serverAuth.toString(), "add", ":0", ".", cookie));
        ProcessBuilder builder = new ProcessBuilder("Xvfb", "-displayfd", "1", "-auth", serverAuth.toString(),
                "-screen", "0", geometry, "-nolisten", "tcp", "-noreset");
        builder.redirectError(dir.resolve("xvfb.log").toFile());
        builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process server = builder.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.US_ASCII));
        CompletableFuture<String> number = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return null;
            }
        });
        String line;
        try {
            line = number.get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            server.destroyForcibly();
            throw new IOException("xvfb did not report its display: " + Files.readString(dir.resolve("xvfb.log")));
        }
        if (line == null || !line.strip().matches("\\d+")) {
            server.destroyForcibly();
            throw new IOException("xvfb did not start: " + Files.readString(dir.resolve("xvfb.log")));
        }
        String display = ":" + line.strip();
        Path xauthority = dir.resolve("client.auth");
        run(List.of("xauth", "-q", "-f", xauthority.toString(), "add", display, ".", cookie));
        Path wrong = dir.resolve("wrong.auth");
        run(List.of("xauth", "-q", "-f", wrong.toString(), "add", display, ".", HexFormat.of().formatHex(random(16))));
        return new XServer(dir, server, display, xauthority, wrong);
    }

    private static byte[] random(int n) {
        byte[] bytes = new byte[n];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    String display() {
        return display;
    }

    Path xauthority() {
        return xauthority;
    }

    /** a cookie file with a cookie for this display that the server does not know. */
    Path wrongCookie() {
        return wrongCookie;
    }

    /** a scratch directory that lives as long as the server. */
    Path dir() {
        return dir;
    }

    /** the caller's session as the daemon would read it from a terminal on this display. */
    Map<String, String> session() {
        return Map.of("DISPLAY", display, "XAUTHORITY", xauthority.toString());
    }

    /** the environment of the clients this fixture runs itself. */
    private Map<String, String> clientEnv() {
        return Map.of("DISPLAY", display, "XAUTHORITY", xauthority.toString(), "PATH", "/usr/bin:/bin",
                "LC_ALL", "C.UTF-8", "HOME", dir.toString());
    }

    /** starts an x client that lives until the server stops; its output goes to {@code log}. */
    synchronized Process spawn(List<String> argv, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(argv);
        builder.environment().clear();
        builder.environment().putAll(clientEnv());
        builder.redirectOutput(log.toFile());
        builder.redirectErrorStream(true);
        builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process process = builder.start();
        clients.add(process);
        return process;
    }

    /** runs an x tool to completion (not through the code under test) and returns its stdout. */
    String tool(String... argv) throws IOException {
        return tool(null, argv);
    }

    /** like {@link #tool(String...)}, feeding {@code stdin}; output goes to a file so forked children cannot hold it. */
    String tool(byte[] stdin, String... argv) throws IOException {
        ProcessRunner.Result result = run(ProcessRunner.of(List.of(argv)).environment(clientEnv()).stdin(stdin)
                .detached().maxStderr(Output.TAIL));
        if (result.status() != 0) {
            throw new IOException(String.join(" ", argv) + " failed (" + result.status() + "): " + result.stderr().text()
                    + result.stdout().text());
        }
        return result.stdout().text();
    }

    /** the id of the first window whose name matches {@code title}, waiting for it to appear and be mapped. */
    long awaitWindow(String title) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                String ids = tool("xdotool", "search", "--onlyvisible", "--name", "^" + title + "$").strip();
                if (!ids.isEmpty()) {
                    return Long.parseLong(ids.split("\\s+")[0]);
                }
            } catch (IOException e) {
                // not there yet: xdotool exits 1 when nothing matches
            }
            sleep(50);
        }
        throw new IOException("no window named " + title + " appeared on " + display);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void run(List<String> argv) throws IOException {
        if (!run(ProcessRunner.of(argv).environment(Map.of("PATH", "/usr/bin:/bin"))).ok()) {
            throw new IOException(String.join(" ", argv) + " failed");
        }
    }

    /** runs a fixture's tool to its end, within 20 s. */
    private static ProcessRunner.Result run(ProcessRunner runner) throws IOException {
        try {
            ProcessRunner.Result result = runner.timeout(Duration.ofSeconds(20)).run();
            if (result.ending() != Ending.EXITED) {
                throw new IOException("a fixture tool did not finish: " + result.ending());
            }
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    @Override
    public synchronized void close() {
        for (Process client : clients) {
            client.descendants().forEach(ProcessHandle::destroyForcibly);
            client.destroyForcibly();
        }
        server.destroy();
        try {
            if (!server.waitFor(5, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        } catch (InterruptedException e) {
            server.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temp dir left behind
        }
    }
}
