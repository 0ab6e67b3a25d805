package dev.llmos.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.gguf.TinyLlama;
import dev.llmos.protocol.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * natural language through llm backends for real: llm-osd talks to two llm-modeld processes over
 * their unix sockets (one configured as the local model, one standing in for a remote api), each
 * socket-activated by {@code systemd-socket-activate} and running llama.cpp on a tiny gguf the test
 * writes itself (random weights, so the plans are nonsense, but grammar-constrained and valid).
 * proves: no model process before the first request, which planner made each plan, what privacy lets
 * leave the machine, byte-identical plans from two daemons, and the model process gone after idle.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LlmPlanningTest {
    /** a request the embedded router refuses, so planning falls through to the llms. */
    private static final String UNROUTABLE = "zorble the quaxing frimbles";
    private static final int MODEL_IDLE_EXIT_S = 25;
    private static final int CONTEXT = 16384;

    private static Path dir;
    private static Process local;
    private static Process remote;
    private static Path modelFile;
    private static final List<DaemonProcess> daemons = new ArrayList<>();

    @BeforeAll
    static void startModelServers() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/systemd-socket-activate")), "needs systemd-socket-activate");
        dir = Distribution.publicTempDir("llmos-e2e-llm");
        // a long context: the prompt lists the whole catalog, and this tokenizer is nearly one token per byte
        // the environment variable `LLMOS_TEST_GGUF` names a real model to run the same tests against
        String real = System.getenv("LLMOS_TEST_GGUF");
        TinyLlama standard = TinyLlama.standard();
        Path model = real != null && !real.isBlank() ? Path.of(real)
                : new TinyLlama(standard.embedding(), standard.heads(), standard.feedForward(), standard.layers(),
                        CONTEXT, standard.vocabulary()).write(dir.resolve("tiny.gguf"), 7);
        modelFile = model;
        local = modeld(model, dir.resolve("local.sock"), "local.log");
        remote = modeld(model, dir.resolve("remote.sock"), "remote.log");
    }

    private static Process modeld(Path model, Path socket, String log) throws Exception {
        List<String> argv = new ArrayList<>(List.of("systemd-socket-activate", "-l", socket.toString(), "--"));
        argv.addAll(Distribution.java("dev.llmos.modeld.ModeldMain", List.of("--model", model.toString(),
                "--idle-exit", Integer.toString(MODEL_IDLE_EXIT_S), "--ctx", Integer.toString(CONTEXT))));
        Process process = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(dir.resolve(log).toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.exists(socket) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(Files.exists(socket), "systemd-socket-activate did not listen on " + socket);
        return process;
    }

    @AfterAll
    static void stop() throws Exception {
        for (DaemonProcess daemon : daemons) {
            daemon.close();
        }
        for (Process process : new Process[] {local, remote}) {
            if (process != null) {
                process.destroy();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** whether the model server has started (socket-activate exec'd the jvm in place of itself). */
    private static boolean modelRunning(Process process) {
        return process.isAlive() && process.info().command().map(c -> !c.endsWith("systemd-socket-activate")).orElse(false);
    }

    private static DaemonProcess daemon(String name, String privacy, boolean withLocal) throws Exception {
        Path config = dir.resolve(name + ".toml");
        // random weights fill every string to its bound: tight bounds keep a plan within the token budget
        String budget = "timeout_s = 120\nmax_tokens = 4096\nmax_string = 24\nmax_items = 4\nmax_steps = 3\n";
        String text = "privacy = \"" + privacy + "\"\n"
                + (withLocal ? "[local]\nendpoint = \"unix:" + dir.resolve("local.sock") + "\"\nmodel = \"tiny\"\n"
                        + budget : "")
                + "[remote]\nendpoint = \"unix:" + dir.resolve("remote.sock") + "\"\nmodel = \"big\"\n" + budget;
        Files.writeString(config, text);
        Path home = Files.createDirectories(dir.resolve(name));
        DaemonProcess daemon = DaemonProcess.startIn(home, "--config", config.toString());
        daemons.add(daemon);
        return daemon;
    }

    private static Set<String> actionNames(DaemonProcess daemon) throws Exception {
        try (RpcClient client = daemon.connect()) {
            JsonNode actions = client.call("actions.list", null).at("/result/actions");
            Set<String> names = new java.util.TreeSet<>();
            actions.forEach(a -> names.add(a.path("name").asText()));
            return names;
        }
    }

    @Test
    @Order(1)
    void theLocalModelPlansWhatTheRouterRefusesAndLocalOnlyNeverWakesTheRemote() throws Exception {
        DaemonProcess daemon = daemon("first", "local-only", true);
        assertFalse(modelRunning(local), "no model process before the first request");
        Run status = daemon.llmsh(null, "--json", "status");
        assertEquals("dormant", status.json().at("/backends/1/state").asText(), status.toString());

        Path saved = dir.resolve("first-plan.json");
        Run planned = daemon.llmsh(null, "plan", UNROUTABLE, "-o", saved.toString());
        assertEquals(0, planned.exit(), planned + "\n" + daemon.logText());
        JsonNode plan = Json.parse(Files.readAllBytes(saved));
        assertEquals("llm:local:tiny", plan.path("planner").asText());
        assertEquals(UNROUTABLE, plan.path("request").asText());
        Set<String> names = actionNames(daemon);
        assertFalse(plan.path("steps").isEmpty());
        plan.path("steps").forEach(step -> assertTrue(names.contains(step.path("action").asText()), step.toString()));

        assertTrue(modelRunning(local), "the first request started the local model server");
        assertFalse(modelRunning(remote), "local-only: nothing went to the remote model");
        Run after = daemon.llmsh(null, "--json", "status");
        assertEquals("loaded", after.json().at("/backends/1/state").asText(), after.toString());
        assertEquals("dormant", after.json().at("/backends/2/state").asText(), "the remote backend was never asked");
    }

    @Test
    @Order(2)
    void anotherDaemonPlansTheSameWordsIntoAByteIdenticalPlan() throws Exception {
        // a fresh model server too (the first may be at its idle exit on a loaded machine, which
        // ends it with its socket): another daemon and another model process, the same plan
        local.destroy();
        local.waitFor();
        Files.deleteIfExists(dir.resolve("local.sock"));
        local = modeld(modelFile, dir.resolve("local.sock"), "local-again.log");
        DaemonProcess daemon = daemon("second", "local-only", true);
        Path again = dir.resolve("second-plan.json");
        Run planned = daemon.llmsh(null, "plan", UNROUTABLE, "-o", again.toString());
        assertEquals(0, planned.exit(), planned.toString());
        assertEquals(Files.readString(dir.resolve("first-plan.json")), Files.readString(again));
    }

    @Test
    @Order(3)
    void askBeforeRemoteSendsNothingWithoutConsentAndPlansRemotelyWithIt() throws Exception {
        DaemonProcess daemon = daemon("third", "ask-before-remote", false);
        Run refused = daemon.llmsh(null, "plan", UNROUTABLE);
        assertEquals(5, refused.exit(), refused.toString());
        assertTrue(refused.err().contains("remote model big"), refused.err());
        assertFalse(modelRunning(remote), "without consent nothing left for the remote model");

        Run consented = daemon.llmsh(null, "--yes", "--json", "plan", UNROUTABLE);
        assertEquals(0, consented.exit(), consented + "\n" + daemon.logText());
        assertEquals("llm:remote:big", consented.json().path("planner").asText());
        assertTrue(modelRunning(remote));
    }

    @Test
    @Order(4)
    void allowRemoteSendsAComplexRequestToTheRemoteModelFirst() throws Exception {
        DaemonProcess daemon = daemon("fourth", "allow-remote", true);
        Run planned = daemon.llmsh(null, "--json", "plan", "list my files and then explain why the disk is full");
        assertEquals(0, planned.exit(), planned.toString());
        assertEquals("llm:remote:big", planned.json().path("planner").asText());
    }

    @Test
    @Order(5)
    void theModelServerIsGoneAfterItsIdleTimeout() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(MODEL_IDLE_EXIT_S + 20);
        while (local.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertFalse(local.isAlive(), "llm-modeld exits when idle, returning its memory: "
                + Files.lines(dir.resolve("local-again.log")).collect(Collectors.joining("\n")));
        assertEquals(0, local.exitValue());
    }
}
