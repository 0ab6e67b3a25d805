package dev.llmos.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.llmtest.ScriptedChatServer;
import dev.llmos.llmtest.ScriptedChatServer.Reply;
import dev.llmos.loop.Call;
import dev.llmos.loop.Result;
import dev.llmos.loop.Transcript;
import dev.llmos.loop.TranscriptFile;
import dev.llmos.loop.Turn;
import dev.llmos.protocol.Json;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * the observe, reason, act loop's own cost, through the real llmsh and the real daemon with a
 * scripted model that answers at once: per step, the time from asking for a turn to having its result,
 * less the time the daemon spent waiting for the model (what is left is the loop: llmsh's bookkeeping,
 * the chat built and the calls validated in the daemon, the turn audited, the action's round trip
 * through policy and audit, and the action itself, a cheap read). target: under 10 ms at the median.
 * then how many bytes (and roughly tokens) typical read outputs feed back to the model per step.
 *
 * <p>arguments: {@code --daemon PATH} (the llm-osd launcher), {@code --llmsh PATH} (the llmsh
 * launcher), {@code --runs N} (loops of {@code --steps M} steps each). every process started is
 * stopped at the end.
 */
public final class LoopBench {
    private static final List<String> TYPICAL = List.of(
            "sys-info", "{}",
            "sys-disk_usage", "{}",
            "fs-list", "{\"path\":\"/etc\"}",
            "fs-read", "{\"path\":\"/etc/os-release\"}",
            "proc-list", "{}",
            "net-listening", "{}",
            "net-interfaces", "{}",
            "fs-list", "{\"path\":\"/usr/bin\"}");

    private LoopBench() {
    }

    public static void main(String[] args) throws Exception {
        String daemon = null;
        String llmsh = null;
        int runs = 5;
        int steps = 20;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--daemon" -> daemon = args[++i];
                case "--llmsh" -> llmsh = args[++i];
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--steps" -> steps = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (daemon == null || llmsh == null) {
            throw new IllegalArgumentException("usage: LoopBench --daemon PATH --llmsh PATH [--runs N] [--steps M]");
        }
        Path work = Files.createTempDirectory("llmos-loopbench");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(work)));
        try (ScriptedChatServer model = ScriptedChatServer.start("bench")) {
            Path config = work.resolve("planner.toml");
            Files.writeString(config, "[local]\nendpoint = \"" + model.endpoint() + "\"\nmodel = \"bench\"\n");
            Path socket = work.resolve("llm-osd.sock");
            Process server = new ProcessBuilder(daemon, "--socket", socket.toString(), "--state-dir",
                    work.resolve("state").toString(), "--config", config.toString(), "--idle-exit", "0")
                    .redirectErrorStream(true).redirectOutput(work.resolve("llm-osd.log").toFile()).start();
            try {
                awaitSocket(socket, server);
                overhead(model, llmsh, socket, work, runs, steps, server.pid());
                fed(model, llmsh, socket, work);
            } finally {
                server.destroy();
                if (!server.waitFor(10, TimeUnit.SECONDS)) {
                    server.destroyForcibly();
                }
            }
        }
    }

    private static void overhead(ScriptedChatServer model, String llmsh, Path socket, Path work, int runs, int steps,
            long daemon) throws Exception {
        List<Double> all = new ArrayList<>();
        List<Double> warm = new ArrayList<>();
        List<Double> turnOverhead = new ArrayList<>();
        List<Double> stepTimes = new ArrayList<>();
        List<Double> modelTimes = new ArrayList<>();
        List<Double> strict = new ArrayList<>();
        long[] idle = null;
        long[] busy = {0, 0};
        for (int run = 0; run <= runs + 1; run++) {
            // run 1 answers at once: the cpu of a loop without steps, which the others' cpu is taken less
            int these = run == 1 ? 0 : steps;
            model.reset().otherwise((request, index) -> index < these ? Reply.call("fs-stat", "{\"path\":\"/etc/hostname\"}")
                    : Reply.answer("done"));
            long[] before = {ProcCpu.children(), ProcCpu.of(daemon)};
            Path runFile = ask(llmsh, socket, work, "bench run " + run, "--max-steps", Integer.toString(steps + 1));
            long[] spent = {ProcCpu.children() - before[0], ProcCpu.of(daemon) - before[1]};
            if (run == 0) {
                continue; // the daemon's own warm-up
            }
            if (run == 1) {
                idle = spent;
                continue;
            }
            busy[0] += spent[0] - idle[0];
            busy[1] += spent[1] - idle[1];
            JsonNode record = Json.parse(Files.readAllBytes(runFile));
            List<java.time.Duration> served = model.served();
            int index = 0;
            for (JsonNode turn : record.path("turns")) {
                if (!turn.has("iteration_ms")) {
                    continue;
                }
                double loop = turn.path("iteration_ms").asDouble() - turn.path("model_ms").asDouble();
                all.add(loop);
                if (index >= 2) {
                    warm.add(loop);
                    strict.add(turn.path("iteration_ms").asDouble() - served.get(index).toNanos() / 1e6);
                }
                index++;
                turnOverhead.add(turn.path("overhead_ms").asDouble());
                modelTimes.add(turn.path("model_ms").asDouble());
            }
            record.path("steps").forEach(step -> stepTimes.add(step.path("ms").asDouble()));
        }
        System.out.printf(Locale.ROOT, "loop overhead per step, model time excluded (%d loops of %d steps, llmsh a fresh jvm "
                + "each loop as a person runs it):%n", runs, steps);
        System.out.printf(Locale.ROOT, "  every step:            p50 %6.2f ms  p90 %6.2f ms%n", pct(all, 50), pct(all, 90));
        System.out.printf(Locale.ROOT, "  from the third step:   p50 %6.2f ms  p90 %6.2f ms   (target: p50 < 10 ms)%n",
                pct(warm, 50), pct(warm, 90));
        System.out.printf(Locale.ROOT, "  of which loop.turn (round trip less model): p50 %6.2f ms; action round trip "
                + "(fs.stat): p50 %6.2f ms; the scripted model (excluded): p50 %6.2f ms%n", pct(turnOverhead, 50),
                pct(stepTimes, 50), pct(modelTimes, 50));
        System.out.printf(Locale.ROOT, "  from the third step, counting the http call to the model and the chat's json as "
                + "overhead too (only the model server's own time excluded): p50 %6.2f ms%n", pct(strict, 50));
        // the floor of a step: two audited requests (the turn, the action), each at least one action round trip
        System.out.printf(Locale.ROOT, "  baseline in the same run: one audited action round trip p50 %6.2f ms; a step "
                + "from the third is %.2fx two of them%n", pct(stepTimes, 50), pct(warm, 50) / (2 * pct(stepTimes, 50)));
        System.out.printf(Locale.ROOT, "  cpu per step (a loop's user+sys cpu less a loop that answers at once, over its steps; "
                + "10 ms ticks): llmsh %.2f ms, llm-osd %.2f ms%n", busy[0] / 1e6 / runs / steps, busy[1] / 1e6 / runs / steps);
    }

    private static void fed(ScriptedChatServer model, String llmsh, Path socket, Path work) throws Exception {
        model.reset();
        for (int i = 0; i < TYPICAL.size(); i += 2) {
            model.then(Reply.call(TYPICAL.get(i), TYPICAL.get(i + 1)));
        }
        model.then(Reply.answer("done"));
        Path runFile = ask(llmsh, socket, work, "typical outputs", "--max-steps", "20", "--max-output-bytes", "1000000");
        Transcript transcript = TranscriptFile.read(Path.of(runFile.toString().replace(".run.json", ".json")));
        System.out.println("output fed back per step, default per-step cap " + dev.llmos.loop.Budget.DEFAULT.stepBytes()
                + " bytes (tokens estimated at 4 bytes each, a typical bpe rate for json):");
        System.out.printf(Locale.ROOT, "  %-36s %10s %10s %8s%n", "step", "output B", "fed B", "~tokens");
        long total = 0;
        int count = 0;
        for (Turn turn : transcript.turns()) {
            for (int i = 0; i < turn.results().size(); i++) {
                Call call = turn.calls().get(i);
                Result result = turn.results().get(i);
                String label = call.action() + (call.params().has("path") ? " " + call.params().get("path").asText() : "");
                System.out.printf(Locale.ROOT, "  %-36s %10d %10d %8d%s%n", label, result.bytes(), result.shown(),
                        result.shown() / 4, result.shown() < result.bytes() ? "  (cut, saying so)" : "");
                total += result.shown();
                count++;
            }
        }
        System.out.printf(Locale.ROOT, "  mean fed per step: %d bytes, ~%d tokens%n", total / Math.max(1, count),
                total / Math.max(1, count) / 4);
    }

    /** runs one loop; returns its run record. */
    private static Path ask(String llmsh, Path socket, Path work, String request, String... options) throws Exception {
        Path state = Files.createTempDirectory(work, "xdg");
        List<String> argv = new ArrayList<>(List.of(llmsh, "--socket", socket.toString(), "--no-autostart", "ask"));
        argv.addAll(Arrays.asList(options));
        argv.add(request);
        ProcessBuilder builder = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true).redirectOutput(work.resolve("llmsh.log").toFile());
        builder.environment().put("XDG_STATE_HOME", state.toString());
        builder.environment().put("LLMOS_NO_BUILD", "1");
        Process process = builder.start();
        if (!process.waitFor(300, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException("llmsh ask failed: " + Files.readString(work.resolve("llmsh.log")));
        }
        try (Stream<Path> files = Files.list(state.resolve("llm-osd/transcripts"))) {
            return files.filter(p -> p.toString().endsWith(".run.json")).findFirst().orElseThrow();
        }
    }

    private static double pct(List<Double> values, int percentile) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1));
    }

    private static void awaitSocket(Path socket, Process server) throws Exception {
        for (int i = 0; i < 600; i++) {
            if (Files.exists(socket)) {
                return;
            }
            if (!server.isAlive()) {
                throw new IOException("llm-osd exited with " + server.exitValue());
            }
            Thread.sleep(50);
        }
        throw new IOException("llm-osd did not listen within 30 s");
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            // best effort: a temporary directory
        }
    }
}
