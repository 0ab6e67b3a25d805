package dev.llmos.shell;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.protocol.ErrorCodes;
import dev.llmos.protocol.Methods;
import java.util.ArrayList;
import java.util.List;

/**
 * turns "denied" into what would allow it: after a denial llmsh asks the daemon for the minimal
 * rule for this exact request ({@code policy.suggest}, checked by the policy loader) and prints it
 * with the file to add it to and how to reload, or why no rule can help.
 */
final class Denials {
    private Denials() {
    }

    /**
     * the denial with its explanation added, for a human reader; any other failure, or --json, is
     * returned as it came.
     */
    static CliException explain(Context context, CliException denial, String action, JsonNode params) {
        if (context.json || denial.error() == null || denial.error().code() != ErrorCodes.DENIED || action == null) {
            return denial;
        }
        ObjectNode request = Context.params().put("action", action);
        request.set("params", params == null ? Context.params() : params);
        try {
            return denial.withDetails(describe(context.call(Methods.POLICY_SUGGEST, request)));
        } catch (CliException e) {
            return denial.withDetails(List.of("(no rule suggestion: " + e.getMessage() + ")"));
        }
    }

    /** a policy.suggest answer for people. */
    static List<String> describe(JsonNode suggestion) {
        List<String> lines = new ArrayList<>();
        String action = suggestion.path("action").asText();
        if (suggestion.hasNonNull("blocked")) {
            lines.add(suggestion.get("blocked").asText());
            return lines;
        }
        if (!suggestion.hasNonNull("rule")) {
            lines.add("policy already gives " + suggestion.path("decision_now").asText() + " for this request ("
                    + suggestion.path("rule_now").asText() + "); no rule is needed");
            return lines;
        }
        String file = suggestion.path("file").asText();
        lines.add("to " + (suggestion.path("decision_after").asText().equals("allow") ? "allow it without asking"
                : "allow it after confirmation") + ", " + (suggestion.path("needs_root").asBoolean() ? "root can add"
                : "add") + " this rule to " + file + " (or to a file of its own in "
                + suggestion.path("dropin_dir").asText() + "/), then reload: " + suggestion.path("reload").asText());
        lines.add("");
        for (String line : suggestion.get("rule").asText().split("\n", -1)) {
            lines.add(line.isEmpty() ? "" : "    " + line);
        }
        while (!lines.isEmpty() && lines.getLast().isEmpty()) {
            lines.removeLast();
        }
        lines.add("");
        lines.add("(the same for any request: llmsh policy suggest " + action + " KEY=VALUE...)");
        return lines;
    }
}
