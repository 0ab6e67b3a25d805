package dev.llmos.planner;

/**
 * action names as function names. the openai format allows only {@code [A-Za-z0-9_-]} in a function
 * name, and action names are {@code family.verb} with lowercase letters, digits and underscores, so
 * the dot becomes a hyphen: {@code sys.disk_usage} is {@code sys-disk_usage}, and back, unambiguously.
 */
final class ToolNames {
    private ToolNames() {
    }

    public static String tool(String action) {
        return action.replace('.', '-');
    }

    /** the action a function name stands for; a model that writes the dotted name is understood too. */
    public static String action(String tool) {
        return tool.indexOf('.') >= 0 ? tool : tool.replace('-', '.');
    }
}
