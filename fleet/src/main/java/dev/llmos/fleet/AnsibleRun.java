package dev.llmos.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * runs a playbook with the real {@code ansible-playbook} and reads what happened on each host from
 * its json output (the {@code ansible.posix.json} stdout callback, part of debian's {@code ansible}
 * package). ansible's own messages (warnings, errors about the inventory) go to stderr as they come.
 */
public final class AnsibleRun {
    /** the program, found on the path. */
    public static final String PROGRAM = "ansible-playbook";
    /** the stdout callback that prints one json document of every result. */
    static final String CALLBACK = "ansible.posix.json";

    private AnsibleRun() {
    }

    /** the command line: the inventory, the playbook, and {@code --check} for a dry run. */
    static List<String> argv(Path inventory, Path playbook, boolean check) {
        List<String> argv = new ArrayList<>(List.of(PROGRAM, "-i", inventory.toString(), playbook.toString()));
        if (check) {
            argv.add("--check");
        }
        return argv;
    }

    /**
     * runs the playbook on every host of the inventory.
     *
     * @param env the environment ansible runs with (the caller's), to which the json callback is added
     * @throws IOException when ansible-playbook cannot run or prints no report (its messages say why)
     */
    public static FleetReport run(Path inventory, Path playbook, boolean check, Map<String, String> env)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(argv(inventory, playbook, check))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().clear();
        builder.environment().putAll(env);
        builder.environment().put("ANSIBLE_STDOUT_CALLBACK", CALLBACK);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IOException("cannot run " + PROGRAM + " (install ansible: apt-get install ansible): " + e.getMessage(), e);
        }
        byte[] output = process.getInputStream().readAllBytes();
        int exit = process.waitFor();
        JsonNode json;
        try {
            json = new ObjectMapper().readTree(output);
        } catch (IOException e) {
            json = null;
        }
        if (json == null || !json.path("stats").isObject()) {
            throw new IOException(PROGRAM + " exited with " + exit + " and no report (its messages are above)");
        }
        return parse(json, check);
    }

    /** each host's result from the json callback's document. pure. */
    static FleetReport parse(JsonNode json, boolean check) {
        Map<String, List<HostResult.StepOutcome>> steps = new LinkedHashMap<>();
        Map<String, String> messages = new HashMap<>();
        for (JsonNode play : json.path("plays")) {
            for (JsonNode task : play.path("tasks")) {
                String name = task.path("task").path("name").asText("");
                for (Map.Entry<String, JsonNode> entry : task.path("hosts").properties()) {
                    JsonNode result = entry.getValue();
                    String state = state(result);
                    // a skipped check is noise; a skipped step (a dry run that cannot see an earlier step's work) is news
                    if (state == null || (state.equals("skipped") && (!check || isCheck(name)))) {
                        continue;
                    }
                    String message = result.path("msg").isTextual() ? result.get("msg").textValue() : null;
                    if (state.equals("unreachable")) {
                        messages.putIfAbsent(entry.getKey(), message);
                    }
                    steps.computeIfAbsent(entry.getKey(), h -> new ArrayList<>())
                            .add(new HostResult.StepOutcome(stepOf(name), name, state, state.equals("changed") ? null : message));
                }
            }
        }
        List<HostResult> hosts = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : json.path("stats").properties()) {
            JsonNode stats = entry.getValue();
            HostResult.Status status = stats.path("unreachable").asInt() > 0 ? HostResult.Status.UNREACHABLE
                    : stats.path("failures").asInt() > 0 ? HostResult.Status.FAILED
                    : stats.path("changed").asInt() > 0 ? HostResult.Status.CHANGED
                    : HostResult.Status.OK;
            hosts.add(new HostResult(entry.getKey(), status, steps.getOrDefault(entry.getKey(), List.of()),
                    messages.get(entry.getKey())));
        }
        return new FleetReport("ansible", check, hosts);
    }

    /** changed, failed, unreachable or skipped; null for a task that was simply ok. */
    private static String state(JsonNode result) {
        if (result.path("unreachable").asBoolean()) {
            return "unreachable";
        }
        if (result.path("failed").asBoolean()) {
            return "failed";
        }
        if (result.path("skipped").asBoolean()) {
            return "skipped";
        }
        return result.path("changed").asBoolean() ? "changed" : null;
    }

    /** the plan step a task comes from, by its name ({@code step 3: ...}, {@code step 3 check: ...}); 0 when it names none. */
    static int stepOf(String taskName) {
        if (!taskName.startsWith("step ")) {
            return 0;
        }
        int end = 5;
        while (end < taskName.length() && Character.isDigit(taskName.charAt(end))) {
            end++;
        }
        return end == 5 || end > 14 ? 0 : Integer.parseInt(taskName.substring(5, end));
    }

    /** whether a task is one of a step's checks rather than the step itself. */
    private static boolean isCheck(String taskName) {
        int step = stepOf(taskName);
        return step > 0 && taskName.startsWith("step " + step + " check:");
    }
}
