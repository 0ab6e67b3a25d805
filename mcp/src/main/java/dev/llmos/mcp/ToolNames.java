package dev.llmos.mcp;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * the mcp name of each action: its name with the dot as an underscore ({@code fs.list} is
 * {@code fs_list}). the mcp spec allows dots, but clients pass tool names on to model apis that
 * accept only {@code [a-zA-Z0-9_-]} (claude desktop refuses a whole tool list over one dotted
 * name). two actions whose names meet in one tool name ({@code a_b.c}, {@code a.b_c}) are both
 * left out, so a call can never reach the wrong one; {@link #clashes()} names them.
 */
record ToolNames(Map<String, String> actionByTool, List<String> clashes) {
    ToolNames {
        actionByTool = Map.copyOf(actionByTool);
        clashes = List.copyOf(clashes);
    }

    static ToolNames of(Collection<String> actions) {
        Map<String, List<String>> byTool = new TreeMap<>();
        for (String action : actions) {
            byTool.computeIfAbsent(toolName(action), name -> new ArrayList<>()).add(action);
        }
        Map<String, String> unique = new HashMap<>();
        List<String> clashes = new ArrayList<>();
        byTool.forEach((tool, named) -> {
            if (named.size() == 1) {
                unique.put(tool, named.getFirst());
            } else {
                clashes.add(tool + " (" + String.join(", ", named.stream().sorted().toList()) + ")");
            }
        });
        return new ToolNames(unique, clashes);
    }

    static String toolName(String action) {
        return action.replace('.', '_');
    }

    /** the action a tool name stands for, or null. */
    String action(String tool) {
        return actionByTool.get(tool);
    }

    boolean exposes(String action) {
        return action.equals(actionByTool.get(toolName(action)));
    }
}
