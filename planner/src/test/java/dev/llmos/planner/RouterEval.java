package dev.llmos.planner;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.catalog.CatalogEntry;
import dev.llmos.protocol.Json;
import dev.llmos.protocol.Plan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** runs a planner over an eval set and reports action and params accuracy, overall and per action. */
final class RouterEval {
    /**
     * what the planner made of one case.
     *
     * @param action the planned action, or {@link EvalSet#REFUSE} when it refused
     * @param paramsOk true when the planned params match the expected key params
     * @param detail the plan json or the refusal message
     */
    record Outcome(EvalSet.Case expected, String action, boolean paramsOk, String detail) {
        boolean actionOk() {
            return action.equals(expected.action());
        }
    }

    /** counts for one action: true positives, false positives, false negatives, exact params. */
    static final class Counts {
        int truePositives;
        int falsePositives;
        int falseNegatives;
        int exactParams;

        double precision() {
            return truePositives + falsePositives == 0 ? 1 : (double) truePositives / (truePositives + falsePositives);
        }

        double recall() {
            return truePositives + falseNegatives == 0 ? 1 : (double) truePositives / (truePositives + falseNegatives);
        }
    }

    /**
     * the outcome of a whole set.
     *
     * @param routable cases that expect an action
     * @param actionCorrect routable cases planned with the expected action
     * @param paramsCorrect routable cases planned with the expected action and key params
     * @param refusals cases that expect a refusal
     * @param refused of those, how many were refused
     */
    record Report(String name, List<Outcome> outcomes, Map<String, Counts> perAction, int routable, int actionCorrect,
            int paramsCorrect, int refusals, int refused) {
        double actionAccuracy() {
            return (double) actionCorrect / routable;
        }

        double paramsAccuracy() {
            return (double) paramsCorrect / routable;
        }

        String render() {
            StringBuilder out = new StringBuilder();
            out.append(String.format("%s: action %d/%d (%.1f%%), action+params %d/%d (%.1f%%), refusals %d/%d%n",
                    name, actionCorrect, routable, 100 * actionAccuracy(), paramsCorrect, routable,
                    100 * paramsAccuracy(), refused, refusals));
            out.append(String.format("  %-16s %9s %7s %7s%n", "action", "precision", "recall", "params"));
            perAction.forEach((action, counts) -> out.append(String.format("  %-16s %9.2f %7.2f %4d/%-3d%n", action,
                    counts.precision(), counts.recall(), counts.exactParams, counts.truePositives + counts.falseNegatives)));
            for (Outcome outcome : outcomes) {
                if (!outcome.actionOk() || !outcome.paramsOk()) {
                    out.append(String.format("  miss: %-50s expected %s %s%n        got %s%n", outcome.expected().text(),
                            outcome.expected().action(), Json.toString(outcome.expected().params()), outcome.detail()));
                }
            }
            return out.toString();
        }
    }

    private RouterEval() {
    }

    static Report run(String name, List<EvalSet.Case> cases, Planner planner, PlanContext context) {
        List<Outcome> outcomes = new ArrayList<>();
        for (EvalSet.Case expected : cases) {
            outcomes.add(outcome(expected, planner, context));
        }
        Map<String, Counts> perAction = new TreeMap<>();
        context.catalog().entries().forEach(entry -> perAction.put(entry.name(), new Counts()));
        int routable = 0;
        int actionCorrect = 0;
        int paramsCorrect = 0;
        int refused = 0;
        for (Outcome outcome : outcomes) {
            String want = outcome.expected().action();
            if (outcome.expected().refusal()) {
                refused += outcome.actionOk() ? 1 : 0;
            } else {
                routable++;
                actionCorrect += outcome.actionOk() ? 1 : 0;
                paramsCorrect += outcome.actionOk() && outcome.paramsOk() ? 1 : 0;
            }
            if (outcome.actionOk() && !outcome.expected().refusal()) {
                Counts counts = perAction.get(want);
                counts.truePositives++;
                counts.exactParams += outcome.paramsOk() ? 1 : 0;
            } else {
                if (!outcome.expected().refusal()) {
                    perAction.get(want).falseNegatives++;
                }
                if (!outcome.action().equals(EvalSet.REFUSE)) {
                    perAction.get(outcome.action()).falsePositives++;
                }
            }
        }
        int refusals = (int) cases.stream().filter(EvalSet.Case::refusal).count();
        return new Report(name, outcomes, perAction, routable, actionCorrect, paramsCorrect, refusals, refused);
    }

    private static Outcome outcome(EvalSet.Case expected, Planner planner, PlanContext context) {
        try {
            Plan plan = planner.plan(expected.text(), context);
            Plan.Step step = plan.steps().getFirst();
            CatalogEntry entry = context.catalog().find(step.action());
            return new Outcome(expected, step.action(), matches(expected.params(), step.params(), entry),
                    Json.toString(plan.steps()));
        } catch (PlanningException e) {
            return new Outcome(expected, EvalSet.REFUSE, expected.params().isEmpty(),
                    e.reason() + ": " + e.getMessage() + " " + Json.toString(e.candidates()));
        }
    }

    /** every expected param is planned with its value; any other planned param is its schema default. */
    static boolean matches(JsonNode expected, JsonNode planned, CatalogEntry entry) {
        for (var param : expected.properties()) {
            if (!param.getValue().equals(planned.get(param.getKey()))) {
                return false;
            }
        }
        for (var param : planned.properties()) {
            if (!expected.has(param.getKey())) {
                JsonNode fallback = entry.schema().path("properties").path(param.getKey()).get("default");
                if (!param.getValue().equals(fallback)) {
                    return false;
                }
            }
        }
        return true;
    }
}
