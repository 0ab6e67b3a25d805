package dev.llmos.daemon;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.planner.PlannerService;
import dev.llmos.protocol.Json;

/** the planner's parts of {@code system.status}: its backends and its cache. */
final class PlannerStatus {
    private PlannerStatus() {
    }

    /** the hits, misses, entries and hit rate of the planner's cache. */
    static ObjectNode cache(PlannerService planner) {
        PlannerService.CacheStats stats = planner.cacheStats();
        return Json.MAPPER.createObjectNode().put("hits", stats.hits()).put("misses", stats.misses())
                .put("entries", stats.size()).put("hit_rate", stats.hitRate());
    }

    /** each backend's state: the router, then the llms. */
    static ArrayNode backends(PlannerService planner) {
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
