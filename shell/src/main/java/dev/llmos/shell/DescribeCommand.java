package dev.llmos.shell;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.protocol.Json;
import dev.llmos.protocol.Methods;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code llmsh describe ACTION}: one action's params and examples. */
@Command(name = "describe", description = "Show one action's params (with types, defaults, bounds) and examples.")
final class DescribeCommand implements Callable<Integer> {
    @ParentCommand
    Llmsh root;

    @Parameters(paramLabel = "ACTION", description = "Action name, e.g. fs.list.")
    String action;

    @Override
    public Integer call() throws CliException {
        JsonNode entry = find(root, action);
        root.print(entry, out -> {
            out.println(entry.path("name").asText() + " (" + entry.path("risk").asText() + ")");
            out.println("  " + entry.path("description").asText());
            out.println();
            JsonNode schema = entry.path("params_schema");
            Set<String> required = new java.util.HashSet<>();
            schema.path("required").forEach(r -> required.add(r.asText()));
            var rows = Json.MAPPER.createArrayNode();
            for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
                JsonNode p = property.getValue();
                rows.addObject()
                        .put("param", property.getKey())
                        .put("type", type(p))
                        .put("required", required.contains(property.getKey()) ? "yes" : "")
                        .put("default", p.has("default") ? p.get("default").asText() : "")
                        .put("description", p.path("description").asText());
            }
            out.println("params:");
            Render.table(out, rows, "  ");
            out.println();
            out.println("examples:");
            entry.path("examples").forEach(e -> out.println("  " + e.asText()));
        });
        return ExitCodes.OK;
    }

    private static String type(JsonNode property) {
        if (property.has("enum")) {
            var values = new java.util.ArrayList<String>();
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

    /** the catalog entry of {@code name}, or a usage error naming the close matches. */
    static JsonNode find(Llmsh root, String name) throws CliException {
        var only = Llmsh.params();
        only.putArray("names").add(name);
        JsonNode one = root.call(Methods.ACTIONS_LIST, only).path("actions");
        if (!one.isEmpty()) {
            return one.get(0);
        }
        // unknown: the whole catalog, for the names close to it
        JsonNode list = root.call(Methods.ACTIONS_LIST, Llmsh.params());
        var similar = new java.util.ArrayList<String>();
        for (JsonNode entry : list.path("actions")) {
            String candidate = entry.path("name").asText();
            if (candidate.equals(name)) {
                return entry;
            }
            if (candidate.startsWith(name.split("\\.")[0] + ".")) {
                similar.add(candidate);
            }
        }
        throw new CliException(ExitCodes.USAGE, "unknown action: " + name
                + (similar.isEmpty() ? " (see llmsh actions)" : "; did you mean " + String.join(", ", similar) + "?"));
    }
}
