package dev.llmos.planner;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.protocol.Json;
import dev.llmos.protocol.RpcException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** a tab-separated router eval file: request, expected action ("-" when it must be refused), key params. */
final class EvalSet {
    /** the action a case expects when the router must refuse. */
    static final String REFUSE = "-";

    /**
     * one request and what the router should make of it.
     *
     * @param params the params that must be planned; any other param must be absent or its default
     */
    record Case(String text, String action, JsonNode params) {
        boolean refusal() {
            return action.equals(REFUSE);
        }
    }

    private EvalSet() {
    }

    static List<Case> load(String resource) {
        List<Case> cases = new ArrayList<>();
        try {
            for (String[] fields : TsvResource.rows("/" + resource, 3)) {
                cases.add(new Case(fields[0], fields[1], Json.parse(fields[2].getBytes(StandardCharsets.UTF_8))));
            }
        } catch (RpcException e) {
            throw new IllegalStateException(resource + ": " + e.getMessage(), e);
        }
        return cases;
    }
}
