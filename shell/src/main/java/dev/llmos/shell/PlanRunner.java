package dev.llmos.shell;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.protocol.Json;
import dev.llmos.protocol.Methods;
import dev.llmos.protocol.PlanResult;
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
        ObjectNode params = Context.params();
        params.set("plan", plan);
        if (dryRun) {
            params.put("dry_run", true);
        }
        JsonNode result;
        try {
            result = Confirming.call(context, Methods.PLAN_EXECUTE, params, true);
        } catch (CliException e) {
            JsonNode data = e.error() == null ? null : e.error().data();
            JsonNode step = data == null || !data.path("step").isInt() ? null : plan.path("steps").path(data.get("step").asInt());
            throw step == null || step.isMissingNode() ? e
                    : Denials.explain(context, e, step.path("action").asText(null), step.path("params"));
        }
        PlanResult typed = typed(result);
        int status = ExitCodes.OK;
        List<String> failures = new ArrayList<>();
        for (PlanResult.Step step : typed.results()) {
            String name = "step " + (step.step() + 1) + " (" + step.action() + ")";
            if (step.status() == StepStatus.FAILED) {
                status = Math.max(status, ExitCodes.forError(step.error() == null ? 0 : step.error().code()));
                failures.add(name + " failed: " + (step.error() == null ? "" : step.error().message()));
            } else {
                String failure = Outcome.failure(Json.toTree(step));
                if (failure != null) {
                    status = Math.max(status, ExitCodes.ACTION_FAILED);
                    failures.add(name + ": " + failure);
                }
            }
        }
        context.print(result, out -> {
            for (PlanResult.Step step : typed.results()) {
                out.print("[" + (step.step() + 1) + "] " + step.action() + ": ");
                out.print(switch (step.status()) {
                    case FAILED -> Style.RED;
                    case OK -> Style.GREEN;
                    case DRY_RUN, SKIPPED -> Style.YELLOW;
                }, step.status().wireName());
                out.println(step.txid() != null ? " (" + step.txid() + ")" : "");
                if (step.output() != null) {
                    dev.llmos.shell.render.Render.value(out, step.output(), "    ", context.layout());
                }
                if (step.error() != null) {
                    out.println("    error: " + step.error().message());
                }
                if (step.undo() != null && step.undo().available()) {
                    out.println("    (undo with: llmsh undo " + step.txid() + ")");
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

    /** the daemon's {@code plan.execute} answer, read strictly. */
    private static PlanResult typed(JsonNode result) throws CliException {
        try {
            return Json.MAPPER.treeToValue(result, PlanResult.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new CliException(ExitCodes.DAEMON_UNAVAILABLE, "the daemon's plan.execute answer is malformed: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
    }
}
