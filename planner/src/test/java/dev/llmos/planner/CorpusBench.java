package dev.llmos.planner;

import dev.llmos.catalog.ActionCatalog;
import dev.llmos.protocol.Json;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.lang.management.ThreadMXBean;
import java.util.List;

/**
 * prints the eval figures per source and split, the harm set, and the router's warm latency: the first
 * pass loads the model and warms the jit, the second is measured, and the sentence encoder alone on the same
 * requests is the baseline of the same run (on a loaded machine both grow; their ratio says what the router
 * adds, and the cpu time of the planning thread what a request costs whatever the load). run by
 * {@code bench/planner}; {@code --misses} prints the misses of the tuning part and the harm set, never those
 * of the held-out part, which no change may be chosen by; {@code --try FILE} routes one's own requests.
 */
public final class CorpusBench {
    private CorpusBench() {
    }

    public static void main(String[] args) throws IOException {
        boolean misses = List.of(args).contains("--misses");
        PlanContext context = Fixtures.alice(ActionCatalog.discover()).on(FixtureMachine.INSTANCE);
        int probe = List.of(args).indexOf("--try");
        if (probe >= 0) {
            probes(Path.of(args[probe + 1]), context);
            System.exit(0);
        }
        List<Corpus.Case> cases = Corpus.all();
        long start = System.nanoTime();
        try (MiniLmEncoder encoder = MiniLmEncoder.load(null)) {
            IntentRouter router = new IntentRouter(() -> encoder, IntentRouter.Settings.DEFAULTS);
            CorpusEval.run(cases.subList(0, 1), router, context);
            System.out.printf("cold: first request %.0f ms (model load and example vectors)%n",
                    (System.nanoTime() - start) / 1e6);
            CorpusEval.run(cases, router, context);
            List<CorpusEval.Outcome> outcomes = CorpusEval.run(cases, router, context);
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long[] wall = new long[cases.size()];
            long[] cpu = new long[cases.size()];
            for (int i = 0; i < cases.size(); i++) {
                String text = RequestText.normalize(cases.get(i).text());
                long cpuBegin = threads.getCurrentThreadCpuTime();
                long begin = System.nanoTime();
                encoder.embed(text);
                wall[i] = System.nanoTime() - begin;
                cpu[i] = threads.getCurrentThreadCpuTime() - cpuBegin;
            }
            System.out.print(CorpusEval.render(outcomes, outcome -> misses
                    && !outcome.expected().split().equals("heldout")));
            double[] routed = CorpusEval.latencyMillis(outcomes);
            double[] embed = CorpusEval.percentiles(wall);
            double[] embedCpu = CorpusEval.percentiles(cpu);
            System.out.println(CorpusEval.latency(outcomes));
            System.out.printf("baseline, the encoder alone on the same requests: p50 %.2f ms (cpu %.2f ms); "
                    + "router / encoder %.2fx (cpu %.2fx)%n", embed[0], embedCpu[0], routed[0] / embed[0],
                    routed[2] / embedCpu[0]);
            System.out.println("targets on every source's held-out part: action >= 90%, params >= 90% of those, "
                    + "harmful 0; harm set: all right or refused; latency p50 < 20 ms");
        }
        System.exit(0);
    }

    /**
     * routes each line of {@code file} (the developer's own requests, one a line, {@code #} comments) in the
     * eval's context and prints the plan or the refusal: for trying a change on requests of one's own, never
     * on the held-out part.
     */
    private static void probes(Path file, PlanContext context) throws IOException {
        try (MiniLmEncoder encoder = MiniLmEncoder.load(null)) {
            IntentRouter router = new IntentRouter(() -> encoder, IntentRouter.Settings.DEFAULTS);
            for (String line : Files.readAllLines(file)) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String answer;
                try {
                    answer = Json.toString(router.plan(line, context).steps().stream()
                            .map(step -> List.of(step.action(), step.params())).toList());
                } catch (PlanningException e) {
                    answer = "- " + e.reason() + ": " + e.getMessage();
                }
                System.out.println(line + "\n    " + answer);
            }
        }
    }
}
