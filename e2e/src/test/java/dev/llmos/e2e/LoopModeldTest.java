package dev.llmos.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.llmos.action.testkit.TestUsers;
import dev.llmos.gguf.TinyLlama;
import dev.llmos.loop.Call;
import dev.llmos.loop.End;
import dev.llmos.loop.Transcript;
import dev.llmos.loop.TranscriptFile;
import dev.llmos.loop.Turn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * the loop through llm-modeld: llama.cpp on a gguf the test writes (random weights leaning to "<", so
 * it opens a function call whenever it may; the calls are nonsense, but each names a real action and
 * its arguments are decoded under that action's own params grammar, so the daemon accepts them without
 * a repair round), or on the model {@code LLMOS_TEST_GGUF} names, which must then answer a plain
 * request.
 */
class LoopModeldTest {
    private static final int CONTEXT = 16384;
    private static Path dir;
    private static Process modeld;
    private static DaemonProcess daemon;
    private static boolean real;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(TestUsers.isRoot(), "a root daemon");
        dir = Distribution.publicTempDir("llmos-e2e-loop-modeld");
        String named = System.getenv("LLMOS_TEST_GGUF");
        real = named != null && !named.isBlank();
        TinyLlama standard = TinyLlama.standard();
        // a tiny model that writes "<" wherever it may: it opens a call whenever it can choose
        Path model = real ? Path.of(named) : new TinyLlama(standard.embedding(), standard.heads(), standard.feedForward(),
                standard.layers(), CONTEXT, standard.vocabulary()).favouring("<").write(dir.resolve("tiny.gguf"), 11);
        Path socket = dir.resolve("modeld.sock");
        modeld = new ProcessBuilder(Distribution.java("dev.llmos.modeld.ModeldMain", List.of("--model", model.toString(),
                "--socket", socket.toString(), "--idle-exit", "0", "--ctx", Integer.toString(CONTEXT),
                // the tiny model's layers are too small to split: two threads only spin against each other
                "--threads", real ? Integer.toString(Runtime.getRuntime().availableProcessors()) : "1")))
                .redirectErrorStream(true).redirectOutput(dir.resolve("modeld.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(socket) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(Files.exists(socket), "llm-modeld did not listen: " + Files.readString(dir.resolve("modeld.log")));
        Path config = dir.resolve("planner.toml");
        // random weights fill every string to its bound: tight bounds keep a call within the token budget
        Files.writeString(config, "[local]\nendpoint = \"unix:" + socket + "\"\nmodel = \"tiny\"\ntimeout_s = 600\n"
                + (real ? "" : "max_tokens = 1024\nmax_string = 24\nmax_items = 4\n"));
        daemon = DaemonProcess.startIn(Files.createDirectories(dir.resolve("daemon")), "--config", config.toString());
    }

    @AfterAll
    static void stop() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
        if (modeld != null) {
            modeld.destroy();
            modeld.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static Transcript ask(Path state, String request) throws Exception {
        Run run = daemon.llmsh(null, Map.of("XDG_STATE_HOME", state.toString()), "ask", "--max-steps", "3",
                "--max-step-bytes", "1024", "--max-output-bytes", "3000", request);
        assertTrue(Set.of(0, 1, 5).contains(run.exit()), run + "\n" + Files.readString(dir.resolve("modeld.log")));
        try (Stream<Path> files = Files.list(state.resolve("llm-osd/transcripts"))) {
            return TranscriptFile.read(files.filter(p -> !p.toString().endsWith(".run.json")).findFirst().orElseThrow());
        }
    }

    @Test
    void everyCallTheModelMakesNamesAnActionWithArgumentsTheDaemonAcceptsFirstTime() throws Exception {
        String request = "list the files in " + dir + " and tell me which is the largest";
        Transcript first = ask(Files.createTempDirectory(dir, "state"), request);
        assertFalse(first.turns().isEmpty(), "the model answered at least once");
        List<Call> calls = new ArrayList<>();
        for (Turn turn : first.turns()) {
            assertEquals("llm:local:tiny", turn.model());
            assertEquals(0, turn.repairs(), "constrained arguments pass validation without a repair round: " + turn);
            assertTrue(turn.usage().promptTokens() > 0 && turn.usage().completionTokens() > 0, turn.usage().toString());
            calls.addAll(turn.calls());
        }
        if (!real) {
            assertFalse(calls.isEmpty(), "the tiny model calls whenever it may: " + first);
        }
        calls.forEach(call -> assertTrue(call.id().matches("s[0-9]+") && call.action().matches("[a-z_]+\\.[a-z_]+")));
        assertTrue(Set.of(End.Reason.ANSWER, End.Reason.BUDGET, End.Reason.CONFIRMATION_NEEDED)
                .contains(first.end().reason()), first.end().toString());
        if (real) {
            assertEquals(End.Reason.ANSWER, first.end().reason(), "a real model answers a plain request");
        }

        // the first turn saw no machine output yet: the same request gives the same turn, byte for byte
        Transcript again = ask(Files.createTempDirectory(dir, "state"), request);
        Turn once = first.turns().getFirst().withResults(List.of(), Turn.Decision.NONE);
        assertEquals(once, again.turns().getFirst().withResults(List.of(), Turn.Decision.NONE));
    }
}
