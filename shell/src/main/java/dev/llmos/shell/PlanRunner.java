package dev.llmos.shell;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.protocol.MethodParams;
import dev.llmos.protocol.Methods;
import dev.llmos.protocol.StepStatus;
import dev.llmos.shell.render.Escapes;
import dev.llmos.shell.render.Screen;
import dev.llmos.shell.render.Style;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** shows a plan in plain words and runs it through {@code plan.execute}, confirming when asked. */
final class PlanRunner {
    private PlanRunner() {
    }

    /** the plan's steps, one line each with why; the exact json is what --json and plan -o give. */
    static void show(Screen out, JsonNode plan) {
        JsonNode steps = plan.path("steps");
        out.println("plan (" + plan.path("planner").asText() + "), " + steps.size() + (steps.size() == 1 ? " step:" : " steps:"));
        for (int i = 0; i < steps.size(); i++) {
            JsonNode step = steps.get(i);
            String why = step.path("why").asText("");
            out.println("  " + (i + 1) + ". " + describe(step.path("action").asText(), step.path("params"))
                    + (why.isBlank() ? "" : "   # " + Escapes.inline(why)));
        }
    }

    /** {@code fs.list path=/tmp limit=5}: an action as llmsh do would take it. */
    static String describe(String action, JsonNode params) {
        StringBuilder line = new StringBuilder(Escapes.inline(action));
        for (Map.Entry<String, JsonNode> p : params.properties()) {
            JsonNode value = p.getValue();
            line.append(' ').append(Escapes.inline(p.getKey())).append('=')
                    .append(Escapes.inline(value.isTextual() ? value.textValue() : JsonCodec.text(value)));
        }
        return line.toString();
    }

    static int run(Context context, JsonNode plan, boolean dryRun) throws CliException {
        if (!(plan instanceof ObjectNode object)) {
            throw new CliException(ExitCodes.USAGE, "a plan is a json object, as llmsh plan -o writes it");
        }
        ObjectNode params = new MethodParams.PlanExecute(object, dryRun ? true : null, null).toTree();
        JsonNode result;
        try {
            result = Confirming.call(context, Methods.PLAN_EXECUTE, params, true);
        } catch (CliException e) {
            JsonNode data = e.error() == null ? null : e.error().data();
            JsonNode step = data == null || !data.path("step").isInt() ? null : plan.path("steps").path(data.get("step").asInt());
            throw step == null || step.isMissingNode() ? e
                    : Denials.explain(context, e, step.path("action").asText(null), step.path("params"));
        }
        int status = ExitCodes.OK;
        List<String> failures = new ArrayList<>();
        for (JsonNode step : result.path("results")) {
            String name = "step " + (step.path("step").asInt() + 1) + " (" + step.path("action").asText() + ")";
            if (step.path("status").asText().equals(StepStatus.FAILED.wireName())) {
                status = Math.max(status, ExitCodes.forError(step.at("/error/code").asInt()));
                failures.add(name + " failed: " + step.at("/error/message").asText());
            } else {
                String failure = Outcome.failure(step);
                if (failure != null) {
                    status = Math.max(status, ExitCodes.ACTION_FAILED);
                    failures.add(name + ": " + failure);
                }
            }
        }
        context.print(result, out -> {
            for (JsonNode step : result.path("results")) {
                out.print("[" + (step.path("step").asInt() + 1) + "] " + step.path("action").asText() + ": ");
                String state = step.path("status").asText();
                out.print(state.equals(StepStatus.FAILED.wireName()) ? Style.RED
                        : state.equals(StepStatus.OK.wireName()) ? Style.GREEN : Style.YELLOW, state);
                out.println(step.hasNonNull("txid") ? " (" + step.get("txid").asText() + ")" : "");
                if (step.has("output")) {
                    dev.llmos.shell.render.Render.value(out, step.get("output"), "    ", context.layout());
                }
                if (step.has("error")) {
                    out.println("    error: " + step.at("/error/message").asText());
                }
                if (step.path("undo").path("available").asBoolean()) {
                    out.println("    (undo with: llmsh undo " + step.path("txid").asText() + ")");
                }
            }
        });
        if (!failures.isEmpty() && !context.json) {
            context.out().finish();
            for (String failure : failures) {
                context.err().print(Style.BOLD_RED, "llmsh:").println(" " + failure);
            }
        }
        return status;
    }
}
