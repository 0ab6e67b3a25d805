package dev.llmos.shell;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.shell.render.Layout;
import dev.llmos.shell.render.Render;
import dev.llmos.shell.render.Screen;
import java.util.Map;

/**
 * what a confirmation prompt shows before it asks: for each action (one, or every step of a plan)
 * the action and its params, its risk, policy's decision and full reason, whether it can be
 * undone, and everything its preview says would change (summary, entries, diff), or why no
 * preview could be made.
 */
final class Previews {
    private Previews() {
    }

    /** the preview data of a -32002 answer: one action's preview, or a plan's steps. */
    static void show(Screen out, JsonNode preview, Layout layout) {
        if (preview == null || preview.isNull()) {
            return;
        }
        JsonNode steps = preview.get("steps");
        if (steps != null && steps.isArray()) {
            for (int i = 0; i < steps.size(); i++) {
                step(out, (i + 1) + ". ", steps.get(i), layout);
            }
        } else if (preview.has("decision")) {
            step(out, "", preview, layout);
        } else {
            Render.value(out, preview, "  ", layout);
        }
    }

    private static void step(Screen out, String number, JsonNode preview, Layout layout) {
        out.println("  " + number + PlanRunner.describe(preview.path("action").asText(), preview.path("params")));
        Render.value(out, detail(preview), "  " + " ".repeat(number.length()) + "  ", layout);
    }

    /** the fields worth reading, in reading order: risk, decision, reason, what changes, problems. */
    static ObjectNode detail(JsonNode preview) {
        ObjectNode shown = JsonCodec.object();
        for (String key : new String[] {"risk", "decision", "reason"}) {
            if (preview.has(key)) {
                shown.set(key, preview.get(key));
            }
        }
        if (preview.has("undoable")) {
            shown.put("undo", preview.path("risk").asText().equals("read") ? "nothing to undo: it only reads"
                    : preview.get("undoable").asBoolean() ? "yes: llmsh undo TXID takes it back once it ran"
                    : "no: this cannot be undone");
        }
        JsonNode detail = preview.get("preview");
        if (detail != null && detail.isObject()) {
            shown.setAll((ObjectNode) detail);
        } else if (detail != null && !detail.isNull()) {
            shown.set("preview", detail);
        }
        if (preview.hasNonNull("preview_error")) {
            shown.set("preview_error", preview.get("preview_error"));
        }
        JsonNode params = preview.path("params");
        for (Map.Entry<String, JsonNode> path : preview.path("paths").properties()) {
            JsonNode given = params.path(path.getKey());
            JsonNode resolved = path.getValue();
            boolean same = resolved.size() == 1 && given.isTextual() && resolved.get(0).asText().equals(given.asText());
            if (!same) {
                shown.with("resolved_paths").set(path.getKey(), resolved);
            }
        }
        return shown;
    }
}
