package dev.llmos.shell;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.llmos.shell.cli.Parsed;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code llmsh describe ACTION}: one action's params and examples. */
final class DescribeCommand {
    private DescribeCommand() {
    }

    static int run(Context context, Parsed<Handler> line) throws CliException {
        JsonNode entry = Catalog.find(context, line.arg("ACTION"));
        context.print(entry, out -> {
            out.println(entry.path("name").asText() + " (" + entry.path("risk").asText() + ")");
            out.println("  " + entry.path("description").asText());
            out.println();
            JsonNode schema = entry.path("params_schema");
            Set<String> required = new HashSet<>();
            schema.path("required").forEach(r -> required.add(r.asText()));
            Set<String> paths = new HashSet<>();
            entry.path("path_params").forEach(p -> paths.add(p.asText()));
            ArrayNode rows = JsonCodec.NODES.arrayNode();
            for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
                JsonNode p = property.getValue();
                rows.addObject()
                        .put("param", property.getKey())
                        .put("type", type(p) + (paths.contains(property.getKey()) ? " (path)" : ""))
                        .put("required", required.contains(property.getKey()) ? "yes" : "")
                        .put("default", p.has("default") ? text(p.get("default")) : "")
                        .put("description", p.path("description").asText());
            }
            out.println("params:");
            dev.llmos.shell.render.Render.value(out, rows, "  ", context.layout());
            out.println();
            out.println("examples:");
            entry.path("examples").forEach(e -> out.println("  " + e.asText()));
        });
        return ExitCodes.OK;
    }

    private static String text(JsonNode value) {
        return value.isTextual() ? value.textValue() : JsonCodec.text(value);
    }

    private static String type(JsonNode property) {
        if (property.has("enum")) {
            List<String> values = new ArrayList<>();
            property.get("enum").forEach(v -> values.add(v.asText()));
            return String.join("|", values);
        }
        String type = property.path("type").asText("any");
        if (type.equals("array")) {
            return property.path("items").path("type").asText("any") + "[]";
        }
        StringBuilder text = new StringBuilder(type);
        if (property.has("minimum") || property.has("maximum")) {
            text.append(" ").append(property.path("minimum").asText("")).append("..").append(property.path("maximum").asText(""));
        }
        return text.toString();
    }
}
