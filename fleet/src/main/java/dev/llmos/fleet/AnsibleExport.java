package dev.llmos.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * a saved plan as an ansible playbook of ansible's own modules, one play for all hosts, each task
 * named after the plan step it comes from ({@code step 2: fs.write path=/etc/motd ...}). every
 * module used runs in check mode ({@code ansible-playbook --check}); a step that acts on what an
 * earlier step creates is skipped in a dry run while that does not exist yet. a plan with any step
 * that has no faithful module is refused whole, with every such step and why. pure.
 */
public final class AnsibleExport {
    /** the longest a param value may show in a task name before it is cut. */
    private static final int NAME_VALUE_MAX = 60;

    /** what the export gives. */
    public sealed interface Result permits Playbook, Refusals {
    }

    /**
     * the playbook.
     *
     * @param yaml its text
     * @param steps how many plan steps it does
     * @param tasks how many tasks it has (the steps' own and their checks)
     */
    public record Playbook(String yaml, int steps, int tasks) implements Result {
    }

    /** the steps that cannot be exported, each with why; nothing was written. */
    public record Refusals(List<Refusal> refusals) implements Result {
        public Refusals {
            refusals = List.copyOf(refusals);
        }
    }

    private AnsibleExport() {
    }

    /**
     * @param plan a plan as {@code llmsh plan -o} saves it ({@code version} 1, {@code steps})
     * @param risks each action's risk by name (from the catalog), for the reason a read is refused; may be empty
     * @throws IllegalArgumentException when {@code plan} is not a plan, saying what is wrong
     */
    public static Result export(JsonNode plan, Map<String, String> risks) {
        JsonNode steps = checkedSteps(plan);
        List<Refusal> refusals = new ArrayList<>();
        List<Object> tasks = new ArrayList<>();
        Map<String, Integer> created = new LinkedHashMap<>();
        for (int i = 0; i < steps.size(); i++) {
            JsonNode step = steps.get(i);
            String action = step.get("action").textValue();
            Mappings.Mapping mapping = Mappings.of(action);
            if (mapping == null) {
                refusals.add(new Refusal(i + 1, action, Mappings.whyNot(action, risks.get(action))));
                continue;
            }
            StepWriter writer = new StepWriter(i + 1, label(action, step.get("params"), step.path("why").asText("")));
            try {
                mapping.write(new StepParams(step.get("params")), writer);
            } catch (Refused e) {
                refusals.add(new Refusal(i + 1, action, e.getMessage()));
                continue;
            }
            writer.tasks(created).forEach(task -> tasks.add(task.yaml()));
            writer.created().forEach(path -> created.putIfAbsent(path, writer.number()));
        }
        if (!refusals.isEmpty()) {
            return new Refusals(refusals);
        }
        Map<String, Object> play = new LinkedHashMap<>();
        play.put("name", new Yaml.Unsafe("llm-os plan: " + plan.path("request").asText("")));
        play.put("hosts", "all");
        play.put("gather_facts", false);
        play.put("tasks", tasks);
        String yaml;
        try {
            yaml = Yaml.document(List.of(play), List.of(
                    "written by llmsh plan export --ansible: each task names the plan step it does.",
                    "strings from the plan are !unsafe: ansible never templates them.",
                    "it runs with ansible's privileges (become as your inventory says), not through llm-os's",
                    "policy, confirmation, audit or undo; llmsh fleet apply --via llm-osd runs the plan that way."));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the plan holds text a playbook cannot: " + e.getMessage(), e);
        }
        return new Playbook(yaml, steps.size(), tasks.size());
    }

    private static JsonNode checkedSteps(JsonNode plan) {
        if (plan == null || !plan.isObject()) {
            throw new IllegalArgumentException("not a plan: a plan is a json object");
        }
        if (!plan.path("version").isInt() || plan.get("version").intValue() != 1) {
            throw new IllegalArgumentException("not a plan of version 1");
        }
        JsonNode steps = plan.get("steps");
        if (steps == null || !steps.isArray() || steps.isEmpty()) {
            throw new IllegalArgumentException("the plan has no steps");
        }
        for (int i = 0; i < steps.size(); i++) {
            JsonNode step = steps.get(i);
            if (!step.isObject() || !step.path("action").isTextual() || !step.path("params").isObject()) {
                throw new IllegalArgumentException("step " + (i + 1) + " needs an action (a string) and params (an object)");
            }
        }
        return steps;
    }

    /** {@code fs.write path=/etc/motd content="hello..." # why}: values cut to a readable length. */
    static String label(String action, JsonNode params, String why) {
        StringBuilder label = new StringBuilder(action);
        for (Map.Entry<String, JsonNode> param : params.properties()) {
            JsonNode value = param.getValue();
            label.append(' ').append(param.getKey()).append('=')
                    .append(cut(value.isTextual() ? value.textValue() : value.toString(), NAME_VALUE_MAX));
        }
        if (!why.isBlank()) {
            label.append("  # ").append(cut(why, NAME_VALUE_MAX * 2));
        }
        return label.toString();
    }

    /** the first {@code max} characters (code points, never half a pair) and "...", or all of it. */
    private static String cut(String text, int max) {
        if (text.codePointCount(0, text.length()) <= max) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, max)) + "...";
    }
}
