package dev.llmos.openai;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Pattern;

/**
 * a function the model may call ({@code tools[]} of the openai format, type {@code function}).
 *
 * @param name 1 to 64 of {@code [A-Za-z0-9_-]}, as the openai api requires
 * @param description what the function does, for the model
 * @param parameters the json schema of the arguments object
 * @param strict whether the backend must follow the schema exactly (openai's strict mode wants every
 *     property required at every level; send it only for schemas that qualify)
 */
public record ToolSpec(String name, String description, JsonNode parameters, boolean strict) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public ToolSpec {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a function name is 1 to 64 of [A-Za-z0-9_-], not " + name);
        }
        if (description == null) {
            throw new IllegalArgumentException("a function needs a description");
        }
        if (parameters == null || !parameters.isObject()) {
            throw new IllegalArgumentException("a function's parameters are a json schema object");
        }
        parameters = parameters.deepCopy();
    }

    @Override
    public JsonNode parameters() {
        return parameters.deepCopy();
    }
}
