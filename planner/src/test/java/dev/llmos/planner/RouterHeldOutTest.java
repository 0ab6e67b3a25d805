package dev.llmos.planner;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * the router on requests written before any tuning and never used for it (router-heldout.tsv): the
 * examples, vocabulary and thresholds were fixed on router-eval.tsv alone.
 */
class RouterHeldOutTest {
    private static IntentRouter router;

    @BeforeAll
    static void load() {
        router = IntentRouter.miniLm(IntentRouter.Settings.DEFAULTS);
    }

    @AfterAll
    static void unload() {
        router.close();
    }

    @Test
    void heldOutWithDeclaredExamples() {
        check(RouterEval.run("router-heldout.tsv, declared examples", EvalSet.load("router-heldout.tsv"), router,
                Fixtures.alice(TestActions.system())));
    }

    private static void check(RouterEval.Report report) {
        System.out.println(report.render());
        assertTrue(report.actionAccuracy() >= 0.90, report.render());
        assertTrue(report.paramsAccuracy() >= 0.85, report.render());
        assertTrue(report.refused() >= 0.8 * report.refusals(), report.render());
    }
}
