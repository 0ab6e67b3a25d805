package dev.llmos.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;

/** a plan of typed actions, as proposed by a planner and replayable without one. */
public record Plan(int version, String request, String planner, List<Step> steps) {
    public static final int VERSION = 1;

    /** one step: an action, its params, and the planner's one-line reason. */
    public record Step(String action, JsonNode params, String why) {
        public Step {
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(params, "params");
        }
    }

    public Plan {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(planner, "planner");
        steps = List.copyOf(steps);
    }
}
