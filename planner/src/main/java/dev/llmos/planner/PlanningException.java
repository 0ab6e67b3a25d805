package dev.llmos.planner;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.protocol.ErrorCodes;
import dev.llmos.protocol.Json;
import dev.llmos.protocol.RpcException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * a request the planner will not turn into a plan, with why and what to do instead: the closest
 * actions and how to run them directly.
 */
public final class PlanningException extends Exception {
    /** why no plan was made. */
    public enum Reason {
        /** the request itself cannot be planned (empty, or longer than a plan may record). */
        INVALID_REQUEST,
        /** the request matches no action well enough to act on it. */
        LOW_CONFIDENCE,
        /**
         * the request is understood and declined: it says only what not to do, asks what something would do,
         * names a scope one action cannot change safely, or is a mistyped llmsh command.
         */
        DECLINED,
        /** the action is clear but a required param is not in the request. */
        MISSING_PARAM,
        /** the params found in the request do not pass the action's schema. */
        INVALID_PARAMS,
        /** no llm backend could be reached, or none is configured for this request. */
        BACKEND_UNAVAILABLE,
        /** an llm's plan still failed validation after the repair round. */
        INVALID_PLAN,
        /** the request would go to a remote backend, and the privacy setting wants the person's consent first. */
        REMOTE_CONSENT
    }

    private final Reason reason;
    private final transient List<Candidate> candidates;
    private final String pointer;

    /**
     * @param reason why no plan was made
     * @param message the explanation for the person who asked
     * @param candidates the closest actions, best first, each with a command that runs it directly
     * @param pointer the json pointer of the param at fault ({@code /steps/0/params/path}), or null
     */
    PlanningException(Reason reason, String message, List<Candidate> candidates, String pointer) {
        super(message, null, false, false);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.candidates = List.copyOf(candidates);
        this.pointer = pointer;
    }

    public Reason reason() {
        return reason;
    }

    List<Candidate> candidates() {
        return candidates;
    }

    /** the json pointer of the param at fault, or null. */
    String pointer() {
        return pointer;
    }

    /**
     * the json-rpc error for {@code plan.create}: -32004 when no planner could make sense of the request
     * (llmsh exit 6), -32005 when the plan cannot be completed, -32602 for a request that cannot be
     * planned at all; {@code data} carries the reason, the pointer and the candidates with their commands.
     */
    public RpcException toRpcException() {
        ObjectNode data = Json.MAPPER.createObjectNode().put("reason", reason.name().toLowerCase(Locale.ROOT));
        if (pointer != null) {
            data.put("pointer", pointer);
        }
        data.set("candidates", Json.toTree(candidates));
        int code = switch (reason) {
            case INVALID_REQUEST -> ErrorCodes.INVALID_PARAMS;
            case LOW_CONFIDENCE, DECLINED, BACKEND_UNAVAILABLE -> ErrorCodes.PLANNER_UNAVAILABLE;
            case MISSING_PARAM, INVALID_PARAMS, INVALID_PLAN -> ErrorCodes.PLAN_INVALID;
            case REMOTE_CONSENT -> ErrorCodes.CONFIRMATION_REQUIRED;
        };
        return RpcException.of(code, getMessage(), data);
    }
}
