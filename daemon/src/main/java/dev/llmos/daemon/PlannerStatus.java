package dev.llmos.daemon;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.planner.PlannerService;
import dev.llmos.protocol.Json;

/** the planner's part of {@code system.status}: its backends, its cache, whether an llm is loaded, privacy. */
final class PlannerStatus {
    private PlannerStatus() {
    }

    /** adds {@code backends}, {@code plan_cache}, {@code llm_loaded} and {@code privacy} to {@code status}. */
    static void into(ObjectNode status, PlannerService planner) {
        status.set("backends", backends(planner));
        PlannerService.CacheStats stats = planner.cacheStats();
        status.putObject("plan_cache").put("hits", stats.hits()).put("misses", stats.misses())
                .put("entries", stats.size()).put("hit_rate", stats.hitRate());
        status.put("llm_loaded", planner.llmLoaded());
        status.put("privacy", planner.privacy().wireName());
    }

    /** each backend's state: the router, then the llms. */
    private static ArrayNode backends(PlannerService planner) {
        ArrayNode backends = Json.MAPPER.createArrayNode();
        for (PlannerService.BackendStatus backend : planner.backends()) {
            switch (backend) {
                case PlannerService.RouterStatus router -> backends.addObject().put("name", router.name())
                        .put("kind", "router").put("state", router.state());
                case PlannerService.LlmStatus llm -> backends.addObject().put("name", llm.llm().name())
                        .put("kind", "llm").put("model", llm.llm().model()).put("endpoint", llm.llm().endpoint())
                        .put("remote", llm.llm().remote()).put("state", llm.state()).put("since", llm.since())
                        .put("error", llm.error());
            }
        }
        return backends;
    }
}
