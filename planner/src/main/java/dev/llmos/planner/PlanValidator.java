package dev.llmos.planner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.catalog.ActionCatalog;
import dev.llmos.catalog.CatalogEntry;
import dev.llmos.protocol.ErrorCodes;
import dev.llmos.protocol.Json;
import dev.llmos.protocol.Plan;
import dev.llmos.protocol.RpcException;
import java.util.ArrayList;
import java.util.List;

/**
 * checks any plan, whoever made it (a planner, an llm, a file), against the live catalog: the limits of
 * {@link PlanSchema}, known actions, and each step's params through the catalog's own binding, so a
 * plan is valid exactly when every step would be accepted as a direct action. errors name json pointers
 * such as {@code /steps/0/params/limit}.
 */
final class PlanValidator {
    /**
     * one reason a plan is invalid.
     *
     * @param pointer the json pointer of the offending value in the plan
     */
    public record PlanError(String pointer, String message) {
    }

    private PlanValidator() {
    }

    /** every error of {@code plan}, in document order; empty when it is valid. */
    public static List<PlanError> validate(Plan plan, ActionCatalog catalog) {
        List<PlanError> errors = new ArrayList<>();
        if (plan.version() != Plan.VERSION) {
            errors.add(new PlanError("/version", "unsupported plan version " + plan.version() + ", expected " + Plan.VERSION));
        }
        if (plan.request().length() > PlanSchema.MAX_REQUEST) {
            errors.add(new PlanError("/request", "request longer than " + PlanSchema.MAX_REQUEST + " characters"));
        }
        if (plan.planner().isBlank() || plan.planner().length() > PlanSchema.MAX_PLANNER) {
            errors.add(new PlanError("/planner", "planner must be 1 to " + PlanSchema.MAX_PLANNER + " characters"));
        }
        if (plan.steps().isEmpty() || plan.steps().size() > PlanSchema.MAX_STEPS) {
            errors.add(new PlanError("/steps", "a plan has 1 to " + PlanSchema.MAX_STEPS + " steps, not " + plan.steps().size()));
        }
        for (int i = 0; i < plan.steps().size(); i++) {
            step(plan.steps().get(i), "/steps/" + i, catalog, errors);
        }
        return errors;
    }

    /**
     * {@code plan} with every step's params normalized (defaults filled in, as executors receive them),
     * or -32005 naming the first error's pointer and listing all of them in {@code data.errors}.
     */
    public static Plan check(Plan plan, ActionCatalog catalog) throws RpcException {
        List<PlanError> errors = validate(plan, catalog);
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        List<Plan.Step> steps = new ArrayList<>();
        for (int i = 0; i < plan.steps().size(); i++) {
            Plan.Step step = plan.steps().get(i);
            CatalogEntry.Bound bound = catalog.require(step.action(), "/steps/" + i + "/action")
                    .bind(step.params(), "/steps/" + i + "/params");
            steps.add(new Plan.Step(step.action(), bound.normalized(), step.why()));
        }
        return new Plan(plan.version(), plan.request(), plan.planner(), steps);
    }

    /**
     * reads a plan from json (an llm's answer, a saved file) strictly: an unknown or mistyped field is
     * -32005 with its pointer. the plan still needs {@link #check}.
     */
    public static Plan parse(JsonNode json) throws RpcException {
        if (json == null || !json.isObject()) {
            throw invalid(List.of(new PlanError("", "a plan is a json object")));
        }
        try {
            return Json.MAPPER.treeToValue(json, Plan.class);
        } catch (JsonMappingException e) {
            throw invalid(List.of(new PlanError(pointer(e), firstLine(e.getOriginalMessage()))));
        } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
            throw invalid(List.of(new PlanError("", firstLine(e.getMessage()))));
        }
    }

    private static void step(Plan.Step step, String at, ActionCatalog catalog, List<PlanError> errors) {
        if (step.why() != null && step.why().length() > PlanSchema.MAX_WHY) {
            errors.add(new PlanError(at + "/why", "why longer than " + PlanSchema.MAX_WHY + " characters"));
        }
        CatalogEntry entry = catalog.find(step.action());
        if (entry == null) {
            errors.add(new PlanError(at + "/action", "unknown action: " + step.action()));
            return;
        }
        try {
            entry.bind(step.params(), at + "/params");
        } catch (RpcException e) {
            JsonNode data = e.error().data();
            errors.add(new PlanError(data == null ? at + "/params" : data.path("pointer").asText(at + "/params"),
                    e.getMessage()));
        }
    }

    private static RpcException invalid(List<PlanError> errors) {
        ObjectNode data = Json.MAPPER.createObjectNode().put("pointer", errors.getFirst().pointer());
        data.set("errors", Json.toTree(errors));
        return RpcException.of(ErrorCodes.PLAN_INVALID, "invalid plan: " + errors.getFirst().pointer() + ": "
                + errors.getFirst().message(), data);
    }

    private static String pointer(JsonMappingException e) {
        StringBuilder pointer = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            pointer.append('/');
            if (reference.getFieldName() != null) {
                pointer.append(reference.getFieldName().replace("~", "~0").replace("/", "~1"));
            } else {
                pointer.append(reference.getIndex());
            }
        }
        return pointer.toString();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable plan";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
