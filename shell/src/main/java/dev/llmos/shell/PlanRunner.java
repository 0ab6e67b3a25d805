package dev.llmos.shell;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.protocol.Json;
import dev.llmos.protocol.Methods;
import java.io.PrintWriter;

/** shows a plan in plain words and runs it through {@code plan.execute}, confirming when asked. */
final class PlanRunner {
    private PlanRunner() {
    }

    /** the plan's steps, one line each, then its exact json. */
    static void show(PrintWriter out, JsonNode plan) {
        JsonNode steps = plan.path("steps");
        out.println("plan (" + plan.path("planner").asText() + "), " + steps.size() + (steps.size() == 1 ? " step:" : " steps:"));
        for (int i = 0; i < steps.size(); i++) {
            JsonNode step = steps.get(i);
            StringBuilder line = new StringBuilder("  " + (i + 1) + ". " + step.path("action").asText());
            step.path("params").properties().forEach(p -> line.append(' ').append(p.getKey()).append('=')
                    .append(p.getValue().isTextual() ? p.getValue().asText() : p.getValue().toString()));
            if (step.hasNonNull("why") && !step.get("why").asText().isBlank()) {
                line.append("   # ").append(step.get("why").asText());
            }
            out.println(line);
        }
        out.println("  json: " + Json.toString(plan));
    }

    static int run(Llmsh root, JsonNode plan, boolean dryRun) throws CliException {
        ObjectNode params = Llmsh.params();
        params.set("plan", plan);
        if (dryRun) {
            params.put("dry_run", true);
        }
        JsonNode result = Confirming.call(root, Methods.PLAN_EXECUTE, params);
        int status = ExitCodes.OK;
        for (JsonNode step : result.path("results")) {
            if (step.path("status").asText().equals("failed")) {
                status = ExitCodes.forError(step.at("/error/code").asInt());
            }
        }
        root.print(result, out -> {
            for (JsonNode step : result.path("results")) {
                out.println("[" + (step.path("step").asInt() + 1) + "] " + step.path("action").asText() + ": "
                        + step.path("status").asText() + (step.hasNonNull("txid") ? " (" + step.get("txid").asText() + ")" : ""));
                if (step.has("output")) {
                    java.io.StringWriter text = new java.io.StringWriter();
                    Render.value(new PrintWriter(text), step.get("output"));
                    text.toString().lines().forEach(line -> out.println("    " + line));
                }
                if (step.has("error")) {
                    out.println("    error: " + step.at("/error/message").asText());
                }
                if (step.path("undo").path("available").asBoolean()) {
                    out.println("    (undo with: llmsh undo " + step.path("txid").asText() + ")");
                }
            }
        });
        return status;
    }
}
