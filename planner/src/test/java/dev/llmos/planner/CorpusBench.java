package dev.llmos.planner;

import dev.llmos.catalog.ActionCatalog;
import java.util.Arrays;
import java.util.List;

/**
 * prints the eval figures per source and split, the harm set, and the router's warm latency: the first
 * pass loads the model and warms the jit, the second is measured, and the sentence encoder alone on the same
 * requests is the baseline of the same run (on a loaded machine both grow; their ratio says what the router
 * adds). run by {@code bench/planner}.
 */
public final class CorpusBench {
    private CorpusBench() {
    }

    public static void main(String[] args) {
        boolean misses = List.of(args).contains("--misses");
        PlanContext context = Fixtures.alice(ActionCatalog.discover()).on(FixtureMachine.INSTANCE);
        List<Corpus.Case> cases = Corpus.all();
        long start = System.nanoTime();
        try (MiniLmEncoder encoder = MiniLmEncoder.load(null)) {
            IntentRouter router = new IntentRouter(() -> encoder, IntentRouter.Settings.DEFAULTS);
            CorpusEval.run(cases.subList(0, 1), router, context);
            System.out.printf("cold: first request %.0f ms (model load and example vectors)%n",
                    (System.nanoTime() - start) / 1e6);
            CorpusEval.run(cases, router, context);
            List<CorpusEval.Outcome> outcomes = CorpusEval.run(cases, router, context);
            long[] embed = new long[cases.size()];
            for (int i = 0; i < cases.size(); i++) {
                String text = RequestText.normalize(cases.get(i).text());
                long begin = System.nanoTime();
                encoder.embed(text);
                embed[i] = System.nanoTime() - begin;
            }
            Arrays.sort(embed);
            System.out.print(CorpusEval.render(outcomes, outcome -> misses));
            double router50 = CorpusEval.latencyMillis(outcomes)[0];
            double embed50 = embed[embed.length / 2] / 1e6;
            System.out.println(CorpusEval.latency(outcomes));
            System.out.printf("baseline, the encoder alone on the same requests: p50 %.2f ms; router / encoder %.2fx%n",
                    embed50, router50 / embed50);
            System.out.println("targets on every source's held-out part: action >= 90%, params >= 90% of those, "
                    + "harmful 0; harm set: all right or refused; latency p50 < 20 ms");
        }
        System.exit(0);
    }
}
