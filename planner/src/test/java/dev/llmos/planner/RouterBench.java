package dev.llmos.planner;

import dev.llmos.catalog.ActionCatalog;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * measures the router: cold load, warm plan latency, plan cache hits and memory before and after load
 * and unload. run from the planner module after {@code test-compile}:
 * {@code java --enable-native-access=ALL-UNNAMED -cp <test class path> dev.llmos.planner.RouterBench}.
 */
public final class RouterBench {
    private static final int ROUNDS = 5;

    private RouterBench() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        PlanContext context = Fixtures.alice(ActionCatalog.discover());
        List<String> requests = new ArrayList<>();
        EvalSet.load("router-eval.tsv").forEach(c -> requests.add(c.text()));
        EvalSet.load("router-heldout.tsv").forEach(c -> requests.add(c.text()));
        System.out.printf("requests: %d, rounds: %d, cpus: %d%n", requests.size(), ROUNDS,
                Runtime.getRuntime().availableProcessors());
        System.out.println("memory before load:    " + Memory.now());

        long[] loading = new long[1];
        IntentRouter router = new IntentRouter(() -> {
            long t = System.nanoTime();
            MiniLmEncoder encoder = MiniLmEncoder.load();
            loading[0] = System.nanoTime() - t;
            return encoder;
        }, IntentRouter.Settings.DEFAULTS);
        long start = System.nanoTime();
        long cpu = cpuNanos();
        attempt(router, requests.getFirst(), context);
        System.out.printf("cold first plan:       %.0f ms, cpu %.0f ms (model load %.0f ms, then %d example vectors "
                + "and one plan)%n", millis(System.nanoTime() - start), millis(cpuNanos() - cpu), millis(loading[0]),
                ExampleIndex.examples(context.catalog()).size());
        System.out.println("memory after load:     " + Memory.now());

        double[] warm = new double[requests.size() * ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            for (int i = 0; i < requests.size(); i++) {
                long t = System.nanoTime();
                attempt(router, requests.get(i), context);
                warm[round * requests.size() + i] = millis(System.nanoTime() - t);
            }
        }
        System.out.println("warm plan latency:     " + percentiles(warm));

        PlanCache cache = new PlanCache(1024);
        List<String> planned = new ArrayList<>();
        for (String request : requests) {
            try {
                cache.plan(router, request, context);
                planned.add(request);
            } catch (PlanningException e) {
                // refusals are not cached, so they are no cache hits either
            }
        }
        double[] hits = new double[planned.size() * ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            for (int i = 0; i < planned.size(); i++) {
                long t = System.nanoTime();
                attempt(cache, router, planned.get(i), context);
                hits[round * planned.size() + i] = millis(System.nanoTime() - t);
            }
        }
        System.out.println("plan cache hit:        " + percentiles(hits) + " (" + cache.stats() + ")");

        router.unload();
        System.out.println("memory after unload:   " + Memory.settled());

        Path dir = Files.createTempDirectory("router-bench");
        try {
            IntentRouter cached = IntentRouter.miniLm(IntentRouter.Settings.DEFAULTS.withCacheDir(dir));
            attempt(cached, requests.getFirst(), context);
            cached.unload();
            start = System.nanoTime();
            cpu = cpuNanos();
            attempt(cached, requests.getFirst(), context);
            System.out.printf("cold first plan, model and vectors in the cache dir: %.0f ms, cpu %.0f ms%n",
                    millis(System.nanoTime() - start), millis(cpuNanos() - cpu));
            cached.unload();
            System.out.println("memory after unload:   " + Memory.settled());
        } finally {
            try (var files = Files.walk(dir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
        System.exit(0);
    }

    private static void attempt(Planner planner, String text, PlanContext context) {
        try {
            planner.plan(text, context);
        } catch (PlanningException e) {
            // a refusal costs the same work as a plan and is part of the measurement
        }
    }

    private static void attempt(PlanCache cache, Planner planner, String text, PlanContext context) {
        try {
            cache.plan(planner, text, context);
        } catch (PlanningException e) {
            throw new IllegalStateException("a cached request was refused: " + text, e);
        }
    }

    /** cpu time of the whole process, all threads: on a busy machine a steadier measure than wall time. */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }

    private static String percentiles(double[] millis) {
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        return String.format("p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, max %.3f ms (n=%d)", at(sorted, 0.50),
                at(sorted, 0.90), at(sorted, 0.99), sorted[sorted.length - 1], sorted.length);
    }

    private static double at(double[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)];
    }

    /** resident memory of the process and the java heap in use. */
    private record Memory(long rssKib, long heapKib) {
        static Memory now() throws IOException {
            long rss = Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(line -> line.startsWith("VmRSS:"))
                    .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")))
                    .findFirst().orElse(-1);
            Runtime runtime = Runtime.getRuntime();
            return new Memory(rss, (runtime.totalMemory() - runtime.freeMemory()) / 1024);
        }

        /** after collecting garbage, so freed native memory and heap show. */
        static Memory settled() throws IOException, InterruptedException {
            for (int i = 0; i < 3; i++) {
                System.gc();
                Thread.sleep(200);
            }
            return now();
        }

        @Override
        public String toString() {
            return String.format("rss %d MiB, heap used %d MiB", rssKib / 1024, heapKib / 1024);
        }
    }
}
