package dev.llmos.planner;

import dev.llmos.protocol.Plan;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * recent plans by request, bounded, least recently used first out. the key is the normalized text
 * (see {@link RequestText#normalize}), the catalog version, the planner id and the parts of the
 * context a plan depends on (home and working directory), so a hit returns exactly the plan the
 * planner would make. failures are not cached. thread-safe.
 */
final class PlanCache {
    /**
     * what a plan depends on.
     *
     * @param text the normalized request
     */
    record Key(String text, String catalogVersion, String planner, String home, String cwd) {
        static Key of(String planner, String text, PlanContext context) {
            return new Key(RequestText.normalize(text), context.catalog().version(), planner,
                    String.valueOf(context.home()), String.valueOf(context.cwd()));
        }
    }

    private final int capacity;
    private final Map<Key, Plan> plans;
    private long hits;
    private long misses;

    PlanCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.capacity = capacity;
        this.plans = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Plan> eldest) {
                return size() > PlanCache.this.capacity;
            }
        };
    }

    /** the cached plan for {@code text}, else {@code planner}'s (then cached). */
    Plan plan(Planner planner, String text, PlanContext context) throws PlanningException {
        Optional<Plan> cached = get(planner.id(), text, context);
        if (cached.isPresent()) {
            return cached.get();
        }
        Plan plan = planner.plan(text, context);
        put(planner.id(), text, context, plan);
        return plan;
    }

    /** the plan cached for {@code text}, carrying {@code text} as its request; counts a hit or a miss. */
    synchronized Optional<Plan> get(String planner, String text, PlanContext context) {
        Plan plan = plans.get(Key.of(planner, text, context));
        if (plan == null) {
            misses++;
            return Optional.empty();
        }
        hits++;
        return Optional.of(new Plan(plan.version(), text, plan.planner(), plan.steps()));
    }

    synchronized void put(String planner, String text, PlanContext context, Plan plan) {
        plans.put(Key.of(planner, text, context), plan);
    }

    synchronized PlannerService.CacheStats stats() {
        return new PlannerService.CacheStats(hits, misses, plans.size(), capacity);
    }

    /** forgets every plan (e.g. after the catalog or the policy changed); the counters stay. */
    synchronized void clear() {
        plans.clear();
    }
}
