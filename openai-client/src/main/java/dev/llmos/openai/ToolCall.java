package dev.llmos.openai;

import java.util.Objects;

/**
 * one function call an assistant message asks for ({@code tool_calls[]} of the openai format).
 * the arguments stay the text the model produced: they are untrusted until parsed and validated
 * against the function's params schema.
 *
 * @param id the call's id, which the tool message answering it repeats
 * @param name the function's name
 * @param arguments the arguments as the model wrote them, normally a json object
 */
public record ToolCall(String id, String name, String arguments) {
    public ToolCall {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(arguments, "arguments");
    }
}
