package dev.llmos.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * the official mcp conformance suite against {@code llmsh mcp}, over both transports, through a
 * real daemon whose catalog includes the suite's fixture tools (a test action family, see
 * {@code dev.llmos.e2e.fixtures}). the suite speaks streamable http only: stdio is reached
 * through a bridge that starts one {@code llmsh mcp} per session, and the http endpoint through
 * a proxy that adds the bearer token and passes {@code Host} and {@code Origin} unchanged.
 */
class McpConformanceTest {
    /** every server scenario of the suite that applies to llm-os, over either transport. */
    static final List<String> BOTH = List.of("server-initialize", "ping", "logging-set-level", "tools-list",
            "tools-call-simple-text", "tools-call-error", "tools-call-with-progress", "tools-call-with-logging",
            "tools-call-elicitation", "json-schema-2020-12", "resources-list");
    /** scenarios of the http transport itself (over stdio they would test the bridge). */
    static final List<String> HTTP_ONLY = List.of("dns-rebinding-protection", "server-sse-polling", "server-sse-multiple-streams");
    /** also run against the endpoint on a unix socket. */
    static final List<String> UNIX = List.of("server-initialize", "tools-call-with-progress", "tools-call-elicitation",
            "dns-rebinding-protection");
    /** the rest, and why they do not apply. */
    static final Map<String, String> NOT_APPLICABLE = Map.ofEntries(
            Map.entry("completion-complete", "no prompts or resource templates, so nothing to complete"),
            Map.entry("tools-call-image", "actions return structured results, not media content"),
            Map.entry("tools-call-audio", "actions return structured results, not media content"),
            Map.entry("tools-call-embedded-resource", "actions return structured results, not media content"),
            Map.entry("tools-call-mixed-content", "actions return structured results, not media content"),
            Map.entry("tools-call-sampling", "llm-os never asks the client's model for anything"),
            Map.entry("elicitation-sep1034-defaults", "llm-os elicits only a yes or no to confirm an action"),
            Map.entry("elicitation-sep1330-enums", "llm-os elicits only a yes or no to confirm an action"),
            Map.entry("resources-read-text", "a fixed test:// resource; llm-os has its audit and undo resources"),
            Map.entry("resources-read-binary", "a fixed test:// resource; llm-os has its audit and undo resources"),
            Map.entry("resources-templates-read", "llm-os has no resource templates"),
            Map.entry("resources-subscribe", "resources are read on demand, not subscribed to"),
            Map.entry("resources-unsubscribe", "resources are read on demand, not subscribed to"),
            Map.entry("prompts-list", "llm-os offers no prompts"),
            Map.entry("prompts-get-simple", "llm-os offers no prompts"),
            Map.entry("prompts-get-with-args", "llm-os offers no prompts"),
            Map.entry("prompts-get-embedded-resource", "llm-os offers no prompts"),
            Map.entry("prompts-get-with-image", "llm-os offers no prompts"));

    private static ConformanceSuite suite;
    private static Path dir;
    private static DaemonProcess daemon;
    private static McpServerProcess tcp;
    private static McpServerProcess unix;
    private static ConformanceSuite.Helper tcpProxy;
    private static ConformanceSuite.Helper unixProxy;

    @BeforeAll
    static void start() throws Exception {
        suite = ConformanceSuite.install();
        dir = Distribution.publicTempDir("llmos-e2e-mcp-conformance");
        Path fixtures = Path.of(System.getProperty("user.dir"));
        daemon = DaemonProcess.startIn(dir,
                List.of(fixtures.resolve("target/test-classes"), fixtures.resolve("src/test/fixtures")));
        Path token = dir.resolve("mcp-token");
        tcp = McpServerProcess.start(daemon, null, dir.resolve("http-tcp.log"), "--listen", "127.0.0.1:0",
                "--token-file", token.toString());
        tcpProxy = suite.start("auth-proxy.mjs", List.of(token.toString(), tcp.where), dir.resolve("proxy-tcp.log"));
        unix = McpServerProcess.start(daemon, null, dir.resolve("http-unix.log"), "--listen",
                "unix:" + dir.resolve("run/mcp.sock"), "--token-file", token.toString());
        unixProxy = suite.start("auth-proxy.mjs", List.of(token.toString(), unix.where), dir.resolve("proxy-unix.log"));
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable running : new AutoCloseable[] {unixProxy, unix, tcpProxy, tcp, daemon}) {
            if (running != null) {
                running.close();
            }
        }
    }

    static Stream<String> overStdio() {
        return BOTH.stream();
    }

    static Stream<String> overHttp() {
        return Stream.concat(BOTH.stream(), HTTP_ONLY.stream());
    }

    static Stream<String> overUnixSocket() {
        return UNIX.stream();
    }

    private static void passes(String transport, String scenario, String url) throws Exception {
        Path results = Files.createDirectories(dir.resolve("results").resolve(transport).resolve(scenario));
        ConformanceSuite.Outcome outcome = suite.run(url, scenario, results);
        String report = transport + " " + scenario + ":\n" + outcome.output();
        assertEquals(List.of(), outcome.failures(), report);
        assertEquals(0, outcome.exit(), report);
        assertTrue(!outcome.checks().isEmpty(), report);
    }

    @ParameterizedTest
    @MethodSource("overStdio")
    void passesOverStdio(String scenario) throws Exception {
        List<String> llmsh = Distribution.llmsh("--socket", daemon.socket.toString(), "--no-autostart", "mcp");
        try (ConformanceSuite.Helper bridge = suite.start("stdio-bridge.mjs", llmsh,
                dir.resolve("bridge-" + scenario + ".log"))) {
            passes("stdio", scenario, "http://127.0.0.1:" + bridge.port() + "/mcp");
        }
    }

    @ParameterizedTest
    @MethodSource("overHttp")
    void passesOverStreamableHttp(String scenario) throws Exception {
        passes("http", scenario, "http://127.0.0.1:" + tcpProxy.port() + "/mcp");
    }

    @ParameterizedTest
    @MethodSource("overUnixSocket")
    void passesOverStreamableHttpOnAUnixSocket(String scenario) throws Exception {
        passes("unix", scenario, "http://localhost:" + unixProxy.port() + "/mcp");
    }

    @Test
    void everyServerScenarioOfTheSuiteIsRunOrSaysWhyNot() throws Exception {
        List<String> classified = new ArrayList<>(BOTH);
        classified.addAll(HTTP_ONLY);
        classified.addAll(NOT_APPLICABLE.keySet());
        assertEquals(new TreeSet<>(suite.serverScenarios()), new TreeSet<>(classified));
    }
}
