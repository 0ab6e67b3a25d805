package dev.llmos.planner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.openai.ChatMessage;
import dev.llmos.openai.ToolCall;
import dev.llmos.openai.ToolSpec;
import dev.llmos.protocol.Json;
import dev.llmos.support.Sha256;
import java.util.List;

/**
 * exactly what one turn of a loop sends to a model, built before any model is chosen: the chat and
 * the tools. a remote model's consent is bound to its digest, and its preview shows the person what
 * would leave the machine: the request and each action output.
 *
 * @param request what the person asked
 * @param messages the chat
 * @param tools the functions offered
 * @param outputs each step whose result is in the chat, as fed: what privacy governs
 * @param firstStep the number of the first call this turn may make (s1 is 1)
 * @param maxTokens the most tokens the turn may generate, when the client said
 * @param answerNow whether the model must answer in text now, calling nothing
 * @param canonical the json of the chat (tools by name) in its one fixed order: what consent and the audit digest
 *     cover
 * @param bytes the size of the chat as sent, in bytes of json
 * @param sha256 the sha-256 of {@code canonical} in lowercase hex, taken once for consent and the audit
 */
public record Outbound(String request, List<ChatMessage> messages, List<ToolSpec> tools, List<Sent> outputs,
                       int firstStep, Integer maxTokens, boolean answerNow, String canonical, int bytes, String sha256) {
    /**
     * one action's result as it would be sent.
     *
     * @param step the step id
     * @param action the action
     * @param text the tool message: status line and fenced data
     */
    public record Sent(String step, String action, String text) {
    }

    public Outbound {
        messages = List.copyOf(messages);
        tools = List.copyOf(tools);
        outputs = List.copyOf(outputs);
    }

    /** the outbound chat, its canonical form, size and digest computed once. */
    static Outbound of(String request, List<ChatMessage> messages, List<ToolSpec> tools, List<Sent> outputs,
                       int firstStep, Integer maxTokens, boolean answerNow) {
        // built in a fixed order from the chat alone, so its plain json is already canonical
        String text = Json.toString(wire(messages, tools));
        byte[] utf8 = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return new Outbound(request, messages, tools, outputs, firstStep, maxTokens, answerNow, text, utf8.length,
                Sha256.hex(utf8));
    }

    /** the chat as json, in the openai format's shape; tools by name (the catalog is public). */
    private static ObjectNode wire(List<ChatMessage> messages, List<ToolSpec> tools) {
        ObjectNode wire = Json.MAPPER.createObjectNode();
        ArrayNode chat = wire.putArray("messages");
        for (ChatMessage message : messages) {
            ObjectNode item = chat.addObject().put("role", message.role().wireName()).put("content", message.content());
            for (ToolCall call : message.toolCalls()) {
                item.withArray("tool_calls").addObject().put("id", call.id()).put("name", call.name())
                        .put("arguments", call.arguments());
            }
            if (message.toolCallId() != null) {
                item.put("tool_call_id", message.toolCallId());
            }
        }
        ArrayNode names = wire.putArray("tools");
        tools.forEach(tool -> names.add(tool.name()));
        return wire;
    }

    /** the preview of a remote send: the request and the outputs, each with its size. */
    public JsonNode sends() {
        ObjectNode sends = Json.MAPPER.createObjectNode().put("request", request).put("messages", messages.size())
                .put("bytes", bytes);
        ArrayNode list = sends.putArray("outputs");
        for (Sent sent : outputs) {
            list.addObject().put("step", sent.step()).put("action", sent.action())
                    .put("bytes", sent.text().getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                    .put("text", sent.text());
        }
        return sends;
    }
}
