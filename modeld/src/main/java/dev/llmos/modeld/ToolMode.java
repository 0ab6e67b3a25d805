package dev.llmos.modeld;

/**
 * {@code tool_choice}: whether the model may, must, or must not call a function, or which one.
 *
 * @param kind the choice
 * @param name the function for {@link Kind#NAMED}, else null
 */
public record ToolMode(Kind kind, String name) {
    /** the openai tool choices. */
    public enum Kind { AUTO, NONE, REQUIRED, NAMED }

    public static final ToolMode AUTO = new ToolMode(Kind.AUTO, null);
    public static final ToolMode NONE = new ToolMode(Kind.NONE, null);
    public static final ToolMode REQUIRED = new ToolMode(Kind.REQUIRED, null);

    public ToolMode {
        if ((kind == Kind.NAMED) != (name != null)) {
            throw new IllegalArgumentException("a named tool choice, and only that, names a function");
        }
    }
}
