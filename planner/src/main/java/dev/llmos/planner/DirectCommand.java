package dev.llmos.planner;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.regex.Pattern;

/** the {@code llmsh do} command line that runs one action with given params, no planner involved. */
final class DirectCommand {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./~-]+");

    private DirectCommand() {
    }

    /** e.g. {@code llmsh do fs.list path=/var/log}; each missing param appears as {@code name=<name>}. */
    static String of(String action, JsonNode params, List<Slots.Missing> missing) {
        StringBuilder out = new StringBuilder("llmsh do ").append(action);
        params.properties().forEach(param -> out.append(' ').append(param.getKey()).append('=')
                .append(quote(value(param.getValue()))));
        missing.forEach(param -> out.append(' ').append(param.param()).append("=<").append(param.param()).append('>'));
        return out.toString();
    }

    private static String value(JsonNode node) {
        if (!node.isArray()) {
            return node.asText();
        }
        StringBuilder out = new StringBuilder();
        node.forEach(item -> out.append(out.isEmpty() ? "" : ",").append(item.asText()));
        return out.toString();
    }

    private static String quote(String value) {
        return SAFE.matcher(value).matches() ? value : "'" + value.replace("'", "'\\''") + "'";
    }
}
