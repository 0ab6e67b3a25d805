package dev.llmos.planner;

import dev.llmos.action.Risk;
import dev.llmos.catalog.ActionCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * derives the router's thresholds from the tuning part of the eval (never the held-out part) and the harm
 * set: for each risk tier, the least score and lead over the next action that keep every harm-set answer
 * right or refused and no harmful reading in the tuning part, with the most right actions. prints the
 * best settings and the cases near them. {@code java -cp ... dev.llmos.planner.CorpusCalibration}.
 */
public final class CorpusCalibration {
    /**
     * one case: the best action's score, lead and tier, and what planning it would give.
     *
     * @param accepted the outcome when the router accepts its best action
     * @param refused the outcome when it refuses
     */
    private record Point(Corpus.Case expected, double score, double margin, double semantic, RiskTier tier,
            CorpusEval.Outcome accepted, CorpusEval.Outcome refused) {
    }

    private CorpusCalibration() {
    }

    public static void main(String[] args) throws Exception {
        PlanContext context = Fixtures.alice(ActionCatalog.discover()).on(FixtureMachine.INSTANCE);
        MiniLmEncoder encoder = MiniLmEncoder.load(null);
        IntentRouter ranker = new IntentRouter(() -> encoder, IntentRouter.Settings.DEFAULTS);
        IntentRouter permissive = new IntentRouter(() -> encoder, new IntentRouter.Settings(-1, -1, 3, 0.2, null));
        List<Point> points = new ArrayList<>();
        for (Corpus.Case c : Corpus.all()) {
            if (c.split().equals("heldout")) {
                continue;
            }
            List<ExampleIndex.Score> ranking = ranker.ranking(c.text(), context);
            CorpusEval.Outcome accepted = CorpusEval.run(List.of(c), permissive, context).getFirst();
            CorpusEval.Outcome refused = new CorpusEval.Outcome(c, c.refusal(), c.refusal(), false, "-", "refused", 0, 0);
            if (ranking.isEmpty()) {
                points.add(new Point(c, -1, -1, -1, RiskTier.READ, accepted, accepted));
                continue;
            }
            double margin = ranking.getFirst().score() - (ranking.size() > 1 ? ranking.get(1).score() : 0);
            if (ranking.getFirst().action().equals(ExampleIndex.UNSERVED)) {
                points.add(new Point(c, -1, -1, -1, RiskTier.READ, accepted, accepted));
                continue;
            }
            RiskTier tier = RiskTier.of(context.catalog().find(ranking.getFirst().action()).action());
            points.add(new Point(c, ranking.getFirst().score(), margin, ranking.getFirst().semantic(), tier, accepted,
                    refused));
        }
        for (RiskTier tier : RiskTier.values()) {
            sweep(tier, points.stream().filter(p -> p.tier() == tier && p.score() >= 0).toList());
        }
        System.exit(0);
    }

    /** the score and margin floors for one tier that give the most right answers with no harm. */
    private static void sweep(RiskTier tier, List<Point> points) {
        String best = "";
        int bestRight = -1;
        for (int s = 20; s <= 70; s++) {
            for (int m = 0; m <= 20; m++) {
                double score = s / 100.0;
                double margin = m / 100.0;
                int[] counts = count(points, score, margin);
                int right = counts[0];
                if (counts[1] == 0 && right > bestRight) {
                    bestRight = right;
                    best = String.format("score >= %.2f, margin >= %.2f: %d of %d right", score, margin, right,
                            points.size());
                }
            }
        }
        System.out.println(tier + ": " + (best.isEmpty() ? "no setting without harm" : best));
        double floor = tier.minScore(IntentRouter.Settings.DEFAULTS);
        StringBuilder margins = new StringBuilder();
        for (int m = 0; m <= 10; m++) {
            int[] counts = count(points, floor, m / 100.0);
            margins.append(String.format(" %.2f: %d right%s", m / 100.0, counts[0], counts[1] > 0 ? " (harm)" : ""));
        }
        System.out.printf("   at its score floor %.2f, by margin:%s%n", floor, margins);
        for (Point p : points) {
            boolean acceptedOk = p.accepted().actionOk() && p.accepted().paramsOk();
            if (p.score() < 0.6 || !acceptedOk) {
                System.out.printf("   %s %.3f %.3f %.3f %-40s -> %s%n", acceptedOk ? "ok   " : p.accepted().harmful()
                        ? "HARM " : "wrong", p.score(), p.margin(), p.semantic(), p.expected().text().length() > 40
                        ? p.expected().text().substring(0, 40) : p.expected().text(), p.accepted().answer());
            }
        }
    }

    /** how many of {@code points} are right, and how many harmful, with these floors. */
    private static int[] count(List<Point> points, double score, double margin) {
        int right = 0;
        int harm = 0;
        for (Point p : points) {
            CorpusEval.Outcome outcome = p.score() >= score && p.margin() >= margin ? p.accepted() : p.refused();
            boolean ok = outcome.actionOk() && outcome.paramsOk();
            right += ok ? 1 : 0;
            boolean refusal = outcome.answer().equals(Corpus.REFUSE) || outcome.answer().startsWith("?");
            harm += outcome.harmful() || p.expected().source().equals(Corpus.HARM) && !ok && !refusal ? 1 : 0;
        }
        return new int[] {right, harm};
    }
}
