package dev.llmos.modeld;

import java.util.Objects;

/**
 * a function a chat request offers the model ({@code tools[]}, type {@code function}).
 *
 * @param name the function's name, {@code [A-Za-z0-9_-]}, 1 to 64
 * @param description what it does
 * @param parameters the json schema of its arguments, as json text, already checked to be one llama.cpp
 *     can turn into a grammar
 */
public record ToolDef(String name, String description, String parameters) {
    public ToolDef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(parameters, "parameters");
    }
}
