package dev.llmos.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.protocol.Json;
import dev.llmos.protocol.RpcError;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * an "ask" from policy (-32002): the daemon previewed the action and issued a single-use token
 * bound to exactly these params. a person says yes or no through an mcp elicitation, which the
 * client shows to its user, not to the model; only then is the token used, here, never handed
 * out. without elicitation the model gets the preview and the llmsh command a person can run
 * to do it themselves (llmsh asks them again), but no token.
 *
 * @param action the action name
 * @param params the params as the model sent them
 * @param reason why policy asks
 * @param preview what the daemon says would happen
 * @param token the confirmation token; stays in this process
 */
record Confirmation(String action, JsonNode params, String reason, JsonNode preview, String token) {
    /** the longest preview text put in front of a person or model. */
    static final int MAX_PREVIEW_CHARS = 4000;
    private static final Pattern PLAIN_WORD = Pattern.compile("[A-Za-z0-9_./=:,@%+-]+");

    static Confirmation of(String action, JsonNode params, RpcError error) {
        JsonNode data = error.data();
        String token = data == null ? null : data.path("confirm").asText(null);
        if (token == null) {
            throw new IllegalArgumentException("a confirmation request without a token");
        }
        return new Confirmation(action, params, error.message(), data.path("preview"), token);
    }

    /** the question for the person: the preview, and a yes/no. */
    McpSchema.ElicitFormRequest elicitation() {
        Map<String, Object> confirm = new LinkedHashMap<>();
        confirm.put("type", "boolean");
        confirm.put("title", "Run " + action);
        confirm.put("description", "yes runs exactly what is shown; no changes nothing");
        confirm.put("default", false);
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", Map.of("confirm", confirm));
        schema.put("required", List.of("confirm"));
        String message = "llm-os asks before it runs " + action + " (" + reason + ").\n\n" + previewText()
                + "\n\nRun it?";
        return McpSchema.ElicitFormRequest.builder(message, schema).build();
    }

    /** true only for an explicit yes: accepted, with {@code confirm: true}. */
    static boolean confirmed(McpSchema.ElicitResult answer) {
        return answer != null && answer.action() == McpSchema.ElicitResult.Action.ACCEPT
                && answer.content() != null && Boolean.TRUE.equals(answer.content().get("confirm"));
    }

    McpSchema.CallToolResult declined(McpSchema.ElicitResult answer) {
        String how = answer == null ? "no answer" : answer.action().name().toLowerCase(java.util.Locale.ROOT);
        return ToolResults.error("the person did not confirm " + action + " (" + how + "); nothing was changed.");
    }

    /** no way to ask a person from here: the preview, and what a person can run to do it. */
    McpSchema.CallToolResult needsPerson(List<String> llmsh) {
        return ToolResults.error("llm-os policy wants a person to confirm " + action + " (" + reason
                + "); nothing was changed, and this client cannot ask its user.\n\npreview:\n" + previewText()
                + "\n\na person can run it in a terminal (llmsh shows the preview and asks them):\n  "
                + command(llmsh));
    }

    /** the exact command, each word quoted for a posix shell where it needs it. */
    String command(List<String> llmsh) {
        List<String> words = new ArrayList<>(llmsh);
        words.addAll(List.of("do", action, "--params", Json.toString(params)));
        return String.join(" ", words.stream().map(Confirmation::quote).toList());
    }

    static String quote(String word) {
        return PLAIN_WORD.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'";
    }

    private String previewText() {
        String text;
        try {
            text = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(preview);
        } catch (JsonProcessingException e) {
            text = String.valueOf(preview);
        }
        return text.length() <= MAX_PREVIEW_CHARS ? text : text.substring(0, MAX_PREVIEW_CHARS) + "\n...";
    }

    @Override
    public String toString() {
        // the token stays out of logs and messages
        return "Confirmation[" + action + "]";
    }
}
