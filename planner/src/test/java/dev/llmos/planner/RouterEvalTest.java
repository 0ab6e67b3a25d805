package dev.llmos.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * the router on the tuning eval set, with the actions of actions-system as they declare their examples
 * and with the examples this module recommends for them.
 */
class RouterEvalTest {
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
    void tuningSetWithDeclaredExamples() {
        check(RouterEval.run("router-eval.tsv, declared examples", EvalSet.load("router-eval.tsv"), router,
                Fixtures.alice(TestActions.system())));
    }

    @Test
    void everyRequestPlannedTwiceGivesTheSameBytes() {
        PlanContext context = Fixtures.alice(TestActions.system());
        List<EvalSet.Case> cases = EvalSet.load("router-eval.tsv");
        List<String> first = RouterEval.run("first", cases, router, context).outcomes().stream()
                .map(RouterEval.Outcome::detail).toList();
        router.unload();
        List<String> second = RouterEval.run("second", cases, router, context).outcomes().stream()
                .map(RouterEval.Outcome::detail).toList();
        assertEquals(first, second);
    }

    private static void check(RouterEval.Report report) {
        System.out.println(report.render());
        assertTrue(report.actionAccuracy() >= 0.90, report.render());
        assertTrue(report.paramsAccuracy() >= 0.85, report.render());
        assertTrue(report.refused() >= 0.8 * report.refusals(), report.render());
    }
}
