package dev.llmos.modeld;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.openai.ChatMessage;
import dev.llmos.openai.ChatRequest;
import dev.llmos.openai.ChatResult;
import dev.llmos.openai.Endpoint;
import dev.llmos.openai.JsonSchemaFormat;
import dev.llmos.openai.OpenAiClient;
import dev.llmos.openai.OpenAiConfig;
import dev.llmos.openai.RetryPolicy;
import dev.llmos.protocol.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * prints local-model figures, each pair measured in the same run on the same model: tokens/s
 * in-process vs through llm-modeld, constrained (grammar) vs free decoding, cold load time, and
 * llm-modeld's resident memory dormant, loaded and after its idle exit. the two paths alternate
 * request by request, so load from other processes on the machine hits both alike.
 *
 * <p>run: {@code ./mvnw -q -f modeld/pom.xml test-compile exec:exec}; {@code LLMOS_TEST_GGUF}
 * picks a real model, {@code LLMOS_BENCH_THREADS}, {@code LLMOS_BENCH_RUNS} and
 * {@code LLMOS_BENCH_TOKENS} tune it.
 */
public final class ModelBench {
    private static final String SCHEMA = """
            {"type": "object",
             "properties": {
               "action": {"type": "string", "enum": ["disk.usage", "file.list", "service.restart", "package.install"]},
               "steps": {"type": "array", "minItems": 4, "maxItems": 4, "items": {"type": "string", "maxLength": 48}}},
             "required": ["action", "steps"],
             "additionalProperties": false}
            """;
    private static final String SYSTEM = "you turn requests into a json plan.";
    private static final String USER = "free some disk space in /var and tell me what you removed";

    private ModelBench() {
    }

    /** the four ways a request is served in this benchmark, each with its one-token baseline. */
    private record Tallies(Tally localFree, Tally remoteFree, Tally localGrammar, Tally remoteGrammar) {
        static Tallies create() {
            return new Tallies(new Tally(), new Tally(), new Tally(), new Tally());
        }
    }

    public static void main(String[] args) {
        Tally.runAndExit(ModelBench::run);
    }

    private static void run() throws Exception {
        String real = System.getenv(TestModels.ENV);
        TestModel model = real == null || real.isBlank() ? TestModels.tiny() : TestModels.real();
        int threads = Tally.intEnv("LLMOS_BENCH_THREADS", model.threads());
        int runs = Tally.intEnv("LLMOS_BENCH_RUNS", 10);
        int tokens = Tally.intEnv("LLMOS_BENCH_TOKENS", 256);
        System.out.printf("model %s (%.1f MiB), %d thread(s), %d runs of up to %d tokens, load average %s%n",
                model.name(), Files.size(model.file()) / 1048576.0, threads, runs, tokens, Tally.loadAverage());

        long start = System.nanoTime();
        LocalModel local = LocalModel.load(ModelConfig.of(model.file()).withThreads(threads));
        System.out.printf("cold load in-process (native library + model): %d ms%n", (System.nanoTime() - start) / 1_000_000);
        String prompt = local.chatPrompt(List.of(new ChatTurn(ChatTurn.SYSTEM, SYSTEM), new ChatTurn(ChatTurn.USER, USER)));

        Path dir = Files.createTempDirectory("llmos-bench-");
        Path socket = dir.resolve("modeld.sock");
        Duration idleExit = Duration.ofSeconds(3);
        TestModel served = new TestModel(model.name(), model.file(), threads);
        try (ModeldProcess modeld = ModeldProcess.start(
                ModeldProcess.javaCommand(ModeldProcess.modeldArgs(served, socket, idleExit, ModelConfig.DEFAULT_CONTEXT)),
                dir.resolve("modeld.log"));
             OpenAiClient client = OpenAiClient.create(OpenAiConfig.of(new Endpoint.UnixSocket(socket))
                     .withRetry(RetryPolicy.NONE).withTimeouts(Duration.ofSeconds(5), Duration.ofMinutes(10)))) {
            modeld.awaitListening(socket, Duration.ofMinutes(2));
            Thread.sleep(500);
            long rssDormant = modeld.rssKib().orElseThrow();
            start = System.nanoTime();
            client.chat(request(Optional.empty(), 1));
            long firstMillis = (System.nanoTime() - start) / 1_000_000;
            long rssLoaded = modeld.rssKib().orElseThrow();

            Tallies full = Tallies.create();
            Tallies single = Tallies.create();
            Tallies discard = Tallies.create();
            for (int run = 0; run <= runs; run++) {
                Tallies into = run == 0 ? discard : full;
                Tallies baseline = run == 0 ? discard : single;
                for (int limit : new int[] {tokens, 1}) {
                    Tallies tally = limit == 1 ? baseline : into;
                    measureLocal(local, Generation.greedy(prompt, Optional.empty(), limit), tally.localFree());
                    measureRemote(client, request(Optional.empty(), limit), tally.remoteFree());
                    measureLocal(local, Generation.greedy(prompt, Optional.of(SCHEMA), limit), tally.localGrammar());
                    measureRemote(client, request(Optional.of(SCHEMA), limit), tally.remoteGrammar());
                }
            }
            long rssAfterRuns = modeld.rssKib().orElseThrow();
            report("end to end", full.localFree().perSecond(), full.remoteFree().perSecond(),
                    full.localGrammar().perSecond(), full.remoteGrammar().perSecond());
            report("decode only", full.localFree().decodePerSecond(single.localFree()),
                    full.remoteFree().decodePerSecond(single.remoteFree()),
                    full.localGrammar().decodePerSecond(single.localGrammar()),
                    full.remoteGrammar().decodePerSecond(single.remoteGrammar()));
            System.out.printf("llm-modeld first request (load + 1 token): %d ms%n", firstMillis);
            System.out.printf("llm-modeld rss: dormant %d KiB, loaded %d KiB, after the runs %d KiB%n",
                    rssDormant, rssLoaded, rssAfterRuns);
            start = System.nanoTime();
            boolean exited = modeld.awaitExit(idleExit.plusSeconds(30));
            OptionalLong rssGone = modeld.rssKib();
            System.out.printf("llm-modeld idle exit after %s: %s %d ms after the last request, rss now %s%n", idleExit,
                    exited ? "exited (code " + modeld.exitValue() + ")" : "STILL RUNNING", (System.nanoTime() - start) / 1_000_000,
                    rssGone.isPresent() ? rssGone.getAsLong() + " KiB" : "0 (no process)");
        } finally {
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(dir);
        }
        System.out.printf("load average at the end %s%n", Tally.loadAverage());
        local.close();
    }

    private static void report(String label, double localFree, double remoteFree, double localGrammar, double remoteGrammar) {
        System.out.printf("%s, free:    in-process %8.1f tok/s, llm-modeld %8.1f tok/s, llm-modeld/in-process %.2f%n",
                label, localFree, remoteFree, remoteFree / localFree);
        System.out.printf("%s, grammar: in-process %8.1f tok/s, llm-modeld %8.1f tok/s, llm-modeld/in-process %.2f%n",
                label, localGrammar, remoteGrammar, remoteGrammar / localGrammar);
        System.out.printf("%s, grammar/free: in-process %.2f, llm-modeld %.2f%n",
                label, localGrammar / localFree, remoteGrammar / remoteFree);
    }

    private static void measureLocal(LocalModel model, Generation generation, Tally tally) throws ModelException {
        long start = System.nanoTime();
        Completion completion = model.complete(generation);
        tally.add(completion.completionTokens(), System.nanoTime() - start);
    }

    private static void measureRemote(OpenAiClient client, ChatRequest request, Tally tally) throws Exception {
        long start = System.nanoTime();
        ChatResult result = client.chat(request);
        tally.add(result.completionTokens(), System.nanoTime() - start);
    }

    private static ChatRequest request(Optional<String> schema, int maxTokens) throws IOException {
        Optional<JsonSchemaFormat> format = Optional.empty();
        if (schema.isPresent()) {
            JsonNode tree = Json.MAPPER.readTree(schema.get());
            format = Optional.of(new JsonSchemaFormat("plan", tree, true));
        }
        return new ChatRequest("local", List.of(ChatMessage.system(SYSTEM), ChatMessage.user(USER)), maxTokens, 0,
                OptionalLong.of(Sampling.DEFAULT_SEED), format);
    }
}
