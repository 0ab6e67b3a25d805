package dev.llmos.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;

/** the result of {@code plan.execute}: how each step ended, in the plan's order. */
public record PlanResult(List<Step> results) {
    /** why a step was skipped when no step failed before it. */
    public static final String CANCELLED = "cancelled";

    public PlanResult {
        results = List.copyOf(results);
    }

    /**
     * one step: its index and action, how it ended, and what goes with that ending (a run's txid,
     * output and undo; a failure's error; a skip's reason when it was cancelled); absent fields are
     * left out of the json.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Step(int step, String action, StepStatus status, String txid, JsonNode output,
            ActionResult.Undo undo, RpcError error, String reason) {
        public Step {
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(status, "status");
        }

        /** a step previewed in a dry run; {@code preview} is what it would do. */
        public static Step dryRun(int step, String action, JsonNode preview) {
            return new Step(step, action, StepStatus.DRY_RUN, null, preview, null, null, null);
        }

        /** a step that ran. */
        public static Step ran(int step, ActionResult result) {
            return new Step(step, result.action(), StepStatus.OK, result.txid(), result.output(), result.undo(), null,
                    null);
        }

        /** a step that ran and failed with {@code error}. */
        public static Step failed(int step, String action, RpcError error) {
            return new Step(step, action, StepStatus.FAILED, null, null, null, error, null);
        }

        /** a step that did not run; {@code reason} is {@link #CANCELLED} or null after a failure. */
        public static Step skipped(int step, String action, String reason) {
            return new Step(step, action, StepStatus.SKIPPED, null, null, null, null, reason);
        }
    }
}
