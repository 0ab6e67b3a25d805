package dev.llmos.planner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * the params found in a request for one action.
 *
 * @param params the values found, in the schema's property order; not yet validated
 * @param missing the required params that were not found, in the schema's order
 * @param repeated the param the request names several values for (several pids), or null
 * @param values those values, the first of which is in {@code params}
 * @param declined why the request must not be planned with this action although it names it, or null
 */
record Slots(ObjectNode params, List<Missing> missing, String repeated, List<JsonNode> values, String declined) {
    public Slots {
        missing = List.copyOf(missing);
        values = List.copyOf(values);
    }

    /** the params of each step: one step, or one per value of the repeated param. */
    public List<ObjectNode> steps() {
        if (repeated == null || values.size() < 2) {
            return List.of(params);
        }
        List<ObjectNode> steps = new ArrayList<>();
        for (JsonNode value : values) {
            ObjectNode step = params.deepCopy();
            step.set(repeated, value);
            steps.add(step);
        }
        return steps;
    }

    /**
     * a required param the request does not give.
     *
     * @param param its wire name
     * @param hint how to give it
     */
    public record Missing(String param, String hint) {
    }
}
