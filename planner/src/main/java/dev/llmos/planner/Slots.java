package dev.llmos.planner;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * the params found in a request for one action.
 *
 * @param params the values found, in the schema's property order; not yet validated
 * @param missing the required params that were not found, in the schema's order
 */
public record Slots(ObjectNode params, List<Missing> missing) {
    public Slots {
        missing = List.copyOf(missing);
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
