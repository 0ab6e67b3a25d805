package dev.llmos.openai;

import dev.llmos.support.WireEnum;
import java.util.List;
import java.util.Objects;

/**
 * one message of a chat: text from the system, the user or the assistant, an assistant's function
 * calls, or a tool message carrying one call's result.
 *
 * @param role who speaks
 * @param content the text; null only for an assistant message that consists of function calls
 * @param toolCalls the function calls of an assistant message, else empty
 * @param toolCallId for a tool message, the id of the call it answers; else null
 */
public record ChatMessage(Role role, String content, List<ToolCall> toolCalls, String toolCallId) {
    /** the speakers of a chat. */
    public enum Role implements WireEnum {
        SYSTEM, USER, ASSISTANT, TOOL;
    }

    public ChatMessage {
        Objects.requireNonNull(role, "role");
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
        if (!toolCalls.isEmpty() && role != Role.ASSISTANT) {
            throw new IllegalArgumentException("only an assistant message carries function calls");
        }
        if (content == null && toolCalls.isEmpty()) {
            throw new IllegalArgumentException("a " + role.wireName() + " message needs content");
        }
        if ((role == Role.TOOL) != (toolCallId != null)) {
            throw new IllegalArgumentException("a tool message, and only a tool message, names the call it answers");
        }
    }

    public ChatMessage(Role role, String content) {
        this(role, content, List.of(), null);
    }

    public static ChatMessage system(String content) {
        return new ChatMessage(Role.SYSTEM, content);
    }

    public static ChatMessage user(String content) {
        return new ChatMessage(Role.USER, content);
    }

    public static ChatMessage assistant(String content) {
        return new ChatMessage(Role.ASSISTANT, content);
    }

    /** an assistant message that calls functions; {@code content} may be null. */
    public static ChatMessage assistant(String content, List<ToolCall> calls) {
        return new ChatMessage(Role.ASSISTANT, content, calls, null);
    }

    /** the result of the call {@code callId}. */
    public static ChatMessage tool(String callId, String content) {
        return new ChatMessage(Role.TOOL, Objects.requireNonNull(content, "content"), List.of(),
                Objects.requireNonNull(callId, "callId"));
    }
}
