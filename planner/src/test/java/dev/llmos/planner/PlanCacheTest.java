package dev.llmos.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.llmos.catalog.ActionCatalog;
import dev.llmos.protocol.Json;
import dev.llmos.protocol.Plan;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanCacheTest {
    private static final PlanContext ALICE = Fixtures.alice(ActionCatalog.discover());

    /** plans fs.list of the request's last word, counting its calls; refuses "fail". */
    private static final class CountingPlanner implements Planner {
        int calls;

        @Override
        public String id() {
            return "rules";
        }

        @Override
        public Plan plan(String text, PlanContext context) throws PlanningException {
            calls++;
            if (text.equals("fail")) {
                throw new PlanningException(PlanningException.Reason.LOW_CONFIDENCE, "no", List.of(), null);
            }
            String[] words = RequestText.normalize(text).split(" ");
            var params = Json.MAPPER.createObjectNode().put("path", words[words.length - 1]);
            return new Plan(Plan.VERSION, text, id(), List.of(new Plan.Step("fs.list", params, "test")));
        }
    }

    @Test
    void servesNormalizedRepeatsFromTheCache() throws PlanningException {
        PlanCache cache = new PlanCache(8);
        CountingPlanner planner = new CountingPlanner();
        Plan first = cache.plan(planner, "list /tmp", ALICE);
        Plan second = cache.plan(planner, "  List   /tmp?! ", ALICE);
        assertEquals(1, planner.calls);
        assertEquals("  List   /tmp?! ", second.request());
        assertEquals(Json.toString(first.steps()), Json.toString(second.steps()));
        assertEquals(new PlannerService.CacheStats(1, 1, 1, 8), cache.stats());
        assertEquals(0.5, cache.stats().hitRate());
    }

    @Test
    void neverConflatesWhatChangesThePlan() throws PlanningException {
        PlanCache cache = new PlanCache(8);
        CountingPlanner planner = new CountingPlanner();
        cache.plan(planner, "list /tmp/A", ALICE);
        cache.plan(planner, "list /tmp/a", ALICE);
        cache.plan(planner, "list here", ALICE);
        cache.plan(planner, "list here", new PlanContext(ALICE.catalog(), Fixtures.ALICE, Fixtures.HOME, Path.of("/srv")));
        cache.plan(planner, "list here", Fixtures.alice(TestActions.withSystem()));
        assertEquals(5, planner.calls);
    }

    @Test
    void evictsTheLeastRecentlyUsed() throws PlanningException {
        PlanCache cache = new PlanCache(2);
        CountingPlanner planner = new CountingPlanner();
        cache.plan(planner, "list /a", ALICE);
        cache.plan(planner, "list /b", ALICE);
        cache.plan(planner, "list /a", ALICE);
        cache.plan(planner, "list /c", ALICE);
        assertEquals(3, planner.calls);
        cache.plan(planner, "list /a", ALICE);
        assertEquals(3, planner.calls);
        cache.plan(planner, "list /b", ALICE);
        assertEquals(4, planner.calls);
        assertEquals(2, cache.stats().size());
    }

    @Test
    void doesNotCacheFailures() {
        PlanCache cache = new PlanCache(2);
        CountingPlanner planner = new CountingPlanner();
        assertThrows(PlanningException.class, () -> cache.plan(planner, "fail", ALICE));
        assertThrows(PlanningException.class, () -> cache.plan(planner, "fail", ALICE));
        assertEquals(2, planner.calls);
        assertEquals(0, cache.stats().size());
    }
}
