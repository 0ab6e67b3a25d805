package dev.llmos.modeld;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * function calling speed against free decoding, on the same model in the same run, requests of each
 * kind alternating so load from other processes hits them alike. decode speed is measured as in
 * {@link ModelBench}: the tokens and time of an n-token request less those of a one-token request
 * (grammar set-up and the pass machinery drop out), every measured request continuing the kv cache of
 * the same prompt, so that prompt processing, which dwarfs a call's few tokens, drops out too. reported:
 * <ul>
 * <li>free: unconstrained text from the point where a call's arguments begin;</li>
 * <li>own grammar: the arguments under the called function's own params grammar (what llm-modeld
 * decodes after the name): the target is at least 0.8x free;</li>
 * <li>catalog grammar: the same arguments under one grammar for every function's params at once (an
 * {@code anyOf} over the catalog), the alternative the split avoids;</li>
 * <li>whole turns: a full call (name, then arguments) against free decoding of as many tokens.</li>
 * </ul>
 * run: {@code ./mvnw -q -f modeld/pom.xml test-compile exec:exec -Dbench.main=dev.llmos.modeld.ToolCallBench};
 * {@code LLMOS_TEST_GGUF} picks a real model, {@code LLMOS_BENCH_RUNS} the rounds.
 */
public final class ToolCallBench {
    /** a realistic params schema: fs.list's, bounded as the daemon bounds it. */
    private static final String OWN = """
            {"type": "object", "properties": {
              "path": {"type": "string", "maxLength": 96},
              "hidden": {"type": "boolean"},
              "limit": {"type": "integer", "minimum": 1, "maximum": 10000},
              "offset": {"type": "integer", "minimum": 0, "maximum": 1000000}},
             "required": ["path"], "additionalProperties": false}""";

    private static final int CONTEXT = 16384;

    private ToolCallBench() {
    }

    public static void main(String[] args) {
        Tally.runAndExit(ToolCallBench::run);
    }

    private static void run() throws Exception {
        String real = System.getenv(TestModels.ENV);
        TestModel model = real == null || real.isBlank() ? longContextTiny() : TestModels.real();
        int runs = Tally.intEnv("LLMOS_BENCH_RUNS", 10);
        System.out.printf("model %s (%.1f MiB), %d thread(s), %d runs, load average %s%n", model.name(),
                Files.size(model.file()) / 1048576.0, model.threads(), runs, Tally.loadAverage());
        List<ToolDef> catalog = catalog();
        try (LocalModel local = LocalModel.load(ModelConfig.of(model.file()).withThreads(model.threads())
                .withContextSize(CONTEXT))) {
            String prompt = local.chatPrompt(List.of(new ChatTurn(ChatTurn.SYSTEM, ToolPrompt.system(catalog)),
                    new ChatTurn(ChatTurn.USER, "what is in /var/log, and which file is the largest")));
            String arguments = prompt + ToolPrompt.CALL_OPEN + "fs-list\"" + ToolPrompt.ARGUMENTS;
            String anyOf = anyOf(catalog);
            // a fresh request, then one that continues its cache: what every pass after a call's first one costs
            long fresh = System.nanoTime();
            local.forgetCache();
            local.complete(cached(arguments, 1));
            fresh = System.nanoTime() - fresh;
            long reused = System.nanoTime();
            local.complete(Generation.schema(arguments, OWN, 1, Sampling.GREEDY, true));
            reused = System.nanoTime() - reused;
            System.out.printf("prompt of %d tokens: evaluated afresh %.1f ms, continuing the cache %.1f ms%n",
                    local.tokens(arguments), fresh / 1e6, reused / 1e6);
            Tally free = new Tally();
            Tally own = new Tally();
            Tally oneFree = new Tally();
            Tally oneOwn = new Tally();
            Tally all = new Tally();
            Tally oneAll = new Tally();
            Tally turns = new Tally();
            Tally turnsFree = new Tally();
            for (int round = 0; round <= runs; round++) {
                boolean counted = round > 0;
                // every measured request below continues the cache of this prompt
                local.complete(cached(arguments, 1));
                // how long the arguments run under their own grammar sets the free runs' length
                Completion ownRun = timed(local, Generation.schema(arguments, OWN, 256, Sampling.GREEDY, true), own, counted);
                int length = Math.max(2, ownRun.completionTokens());
                timed(local, cached(arguments, length), free, counted);
                timed(local, Generation.schema(arguments, anyOf, 256, Sampling.GREEDY, true), all, counted);
                timed(local, Generation.schema(arguments, OWN, 1, Sampling.GREEDY, true), oneOwn, counted);
                timed(local, cached(arguments, 1), oneFree, counted);
                timed(local, Generation.schema(arguments, anyOf, 1, Sampling.GREEDY, true), oneAll, counted);
                long start = System.nanoTime();
                ToolDecoder.Decoded turn = ToolDecoder.decode(local, prompt, catalog, ToolMode.REQUIRED, false, 256,
                        Sampling.GREEDY);
                long elapsed = System.nanoTime() - start;
                if (counted) {
                    turns.add(turn.completionTokens(), elapsed);
                }
                timed(local, Generation.greedy(prompt, Optional.empty(), Math.max(2, turn.completionTokens())), turnsFree,
                        counted);
            }
            System.out.printf("arguments, decode only: free %8.1f tok/s, own grammar %8.1f tok/s, catalog grammar %8.1f tok/s%n",
                    free.decodePerSecond(oneFree), own.decodePerSecond(oneOwn), all.decodePerSecond(oneAll));
            System.out.printf("own grammar / free: %.2f (target >= 0.80); catalog grammar / free: %.2f%n",
                    own.decodePerSecond(oneOwn) / free.decodePerSecond(oneFree),
                    all.decodePerSecond(oneAll) / free.decodePerSecond(oneFree));
            System.out.printf("whole turns (name pass + arguments pass, prompt included): %8.1f tok/s, free text of as many "
                    + "tokens from the same prompt %8.1f tok/s, ratio %.2f%n", turns.perSecond(), turnsFree.perSecond(),
                    turns.perSecond() / turnsFree.perSecond());
            System.out.printf("catalog: %d functions; load average at the end %s%n", catalog.size(), Tally.loadAverage());
        }
    }

    /** free decoding continuing the cached prompt, like the grammar runs it is compared with. */
    private static Generation cached(String prompt, int tokens) {
        return new Generation(prompt, Optional.empty(), tokens, Sampling.GREEDY, List.of(), Optional.empty(), true);
    }

    /** the tiny test model with room for a catalog's worth of prompt (its tokenizer is nearly a byte a token). */
    private static TestModel longContextTiny() throws java.io.IOException {
        dev.llmos.gguf.TinyLlama standard = dev.llmos.gguf.TinyLlama.standard();
        Path dir = Files.createTempDirectory("llmos-toolbench-");
        dir.toFile().deleteOnExit();
        Path file = new dev.llmos.gguf.TinyLlama(standard.embedding(), standard.heads(), standard.feedForward(),
                standard.layers(), CONTEXT, standard.vocabulary()).write(dir.resolve("tiny-long.gguf"), TestModels.SEED);
        file.toFile().deleteOnExit();
        return new TestModel("tiny-long", file, 1);
    }

    private static Completion timed(LocalModel model, Generation generation, Tally tally, boolean counted)
            throws ModelException {
        long start = System.nanoTime();
        Completion completion = model.complete(generation);
        if (counted) {
            tally.add(completion.completionTokens(), System.nanoTime() - start);
        }
        return completion;
    }

    /** forty functions like the shipped catalog's: fs.list's schema and variations of it. */
    private static List<ToolDef> catalog() {
        List<ToolDef> tools = new ArrayList<>();
        tools.add(new ToolDef("fs-list", "list the files in a folder", OWN));
        for (int i = 0; i < 39; i++) {
            tools.add(new ToolDef("family" + i + "-verb", "an action of family " + i, """
                    {"type": "object", "properties": {
                      "name%d": {"type": "string", "maxLength": 64},
                      "count%d": {"type": "integer", "minimum": 0, "maximum": 1000},
                      "mode%d": {"type": "string", "enum": ["a", "b", "c"]},
                      "flag%d": {"type": "boolean"}},
                     "required": ["name%d"], "additionalProperties": false}""".formatted(i, i, i, i, i)));
        }
        return tools;
    }

    /** one schema accepting any function's arguments: what a single grammar for all calls would be. */
    private static String anyOf(List<ToolDef> tools) {
        StringBuilder schema = new StringBuilder("{\"anyOf\": [");
        for (int i = 0; i < tools.size(); i++) {
            schema.append(i == 0 ? "" : ", ").append(tools.get(i).parameters());
        }
        return schema.append("]}").toString();
    }
}
