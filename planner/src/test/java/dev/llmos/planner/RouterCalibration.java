package dev.llmos.planner;

import dev.llmos.catalog.ActionCatalog;
import java.util.ArrayList;
import java.util.List;

/**
 * re-derives the router's thresholds from the tuning eval set (never the held-out set): for each
 * neighbour count, the score and margin floors that accept the most correct routes while accepting no
 * request that must be refused and few wrong ones. run after changing examples or the encoder:
 * {@code java -cp ... dev.llmos.planner.RouterCalibration [recommended]}.
 */
public final class RouterCalibration {
    /** the best action's score and lead for one case, whether it is the expected one, and which it is. */
    private record Point(double score, double margin, boolean refusal, boolean correct, String top) {
    }

    private RouterCalibration() {
    }

    public static void main(String[] args) {
        ActionCatalog catalog = ActionCatalog.discover();
        List<EvalSet.Case> cases = EvalSet.load("router-eval.tsv");
        try (MiniLmEncoder encoder = MiniLmEncoder.load()) {
            ExampleIndex index = ExampleIndex.build(ExampleIndex.examples(catalog), encoder, VectorStore.none());
            for (int neighbours = 1; neighbours <= 5; neighbours++) {
                System.out.println(sweep(neighbours, points(cases, index, encoder, neighbours)));
            }
            // the cases near the thresholds, to see what a change of them would cost
            List<Point> current = points(cases, index, encoder, IntentRouter.Settings.DEFAULTS.neighbours());
            for (int i = 0; i < cases.size(); i++) {
                Point p = current.get(i);
                if (p.refusal() || !p.correct() || p.score() < 0.45 || p.margin() < 0.03) {
                    System.out.printf("%s %.3f %.3f %s -> %s%n", p.refusal() ? "refuse" : p.correct() ? "ok    " : "wrong ",
                            p.score(), p.margin(), cases.get(i).text(), p.top());
                }
            }
        }
    }

    private static List<Point> points(List<EvalSet.Case> cases, ExampleIndex index, Encoder encoder, int neighbours) {
        List<Point> points = new ArrayList<>();
        for (EvalSet.Case c : cases) {
            String request = RequestText.normalize(c.text());
            String masked = RequestText.masked(RequestText.tokens(request));
            List<ExampleIndex.Score> ranking = index.rank(encoder.embed(masked), masked, neighbours,
                    IntentRouter.Settings.DEFAULTS.lexicalWeight());
            double margin = ranking.get(0).score() - ranking.get(1).score();
            points.add(new Point(ranking.get(0).score(), margin, c.refusal(), ranking.get(0).action().equals(c.action()),
                    ranking.get(0).action() + " via \"" + ranking.get(0).closest() + "\""));
        }
        return points;
    }

    private static String sweep(int neighbours, List<Point> points) {
        long routable = points.stream().filter(p -> !p.refusal()).count();
        long top1 = points.stream().filter(p -> !p.refusal() && p.correct()).count();
        String best = "";
        double bestValue = Double.NEGATIVE_INFINITY;
        for (int s = 20; s <= 60; s++) {
            for (int m = 0; m <= 10; m++) {
                double minScore = s / 100.0;
                double minMargin = m / 200.0;
                int accepted = 0;
                int wrong = 0;
                int leaked = 0;
                for (Point p : points) {
                    if (p.score() < minScore || p.margin() < minMargin) {
                        continue;
                    }
                    if (p.refusal()) {
                        leaked++;
                    } else if (p.correct()) {
                        accepted++;
                    } else {
                        wrong++;
                    }
                }
                double value = accepted - wrong - 3.0 * leaked;
                if (value > bestValue) {
                    bestValue = value;
                    best = String.format("min_score %.2f min_margin %.3f: correct %d/%d, wrong %d, refusals accepted %d",
                            minScore, minMargin, accepted, routable, wrong, leaked);
                }
            }
        }
        return String.format("neighbours %d: top-1 %d/%d; best %s", neighbours, top1, routable, best);
    }
}
