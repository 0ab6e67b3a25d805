package dev.llmos.openai;

import java.util.Objects;

/** whether and which function the model must call ({@code tool_choice}). */
public sealed interface ToolChoice {
    /** the model decides: answer in text or call functions. */
    record Auto() implements ToolChoice {
    }

    /** the model must call at least one function. */
    record Required() implements ToolChoice {
    }

    /** the model must answer in text. */
    record None() implements ToolChoice {
    }

    /** the model must call this function. */
    record Named(String name) implements ToolChoice {
        public Named {
            Objects.requireNonNull(name, "name");
        }
    }

    ToolChoice AUTO = new Auto();
    ToolChoice REQUIRED = new Required();
    ToolChoice NONE = new None();
}
