package dev.llmos.fleet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * writes the tasks of one plan step: each named after the step, the checks llm-os would make
 * first (a parent that must be a directory, ...) as {@code stat} and {@code assert} tasks, and the
 * step's own module task. it remembers which paths the step acts on, so that a step acting on
 * what an earlier step creates is skipped in a dry run ({@code --check}) while that does not exist
 * yet: a dry run creates nothing, and ansible would fail on the missing path instead of showing
 * the rest.
 */
final class StepWriter {
    private final int number;
    private final String label;
    private final List<Task> tasks = new ArrayList<>();
    private final List<String> touched = new ArrayList<>();
    private final List<String> creates = new ArrayList<>();
    private int registers;

    /**
     * @param number the step's number, from 1
     * @param label how the step reads: its action and params, and why
     */
    StepWriter(int number, String label) {
        this.number = number;
        this.label = label;
    }

    int number() {
        return number;
    }

    /** the step's own task: {@code module} with {@code args}, named after the step. */
    void main(String module, Map<String, Object> args) {
        main(module, args, Map.of());
    }

    /** the step's own task with task keywords ({@code environment}, {@code timeout}, ...). */
    void main(String module, Map<String, Object> args, Map<String, Object> keywords) {
        tasks.add(Task.of("step " + number + ": " + label, module, args).with(keywords));
    }

    /** a task that checks before the step's own, named for what it checks. */
    void check(String what, String module, Map<String, Object> args, Map<String, Object> keywords) {
        tasks.add(Task.of("step " + number + " check: " + what, module, args).with(keywords));
    }

    /** a fresh variable name for a registered result of this step. */
    String register(String what) {
        return "llmos_step" + number + "_" + what + (registers++ == 0 ? "" : Integer.toString(registers));
    }

    /**
     * fails the step unless {@code dir} is a directory (following links, as llm-os does), with
     * {@code why} as the message: ansible's modules would create it where llm-os refuses.
     */
    void requireDirectory(String dir, String why) {
        if (dir == null) {
            return;
        }
        touches(dir);
        String stat = register("dir");
        check("is " + dir + " a directory", "ansible.builtin.stat", args("path", unsafe(dir), "follow", true),
                Map.of("register", stat));
        check("fail unless " + dir + " is a directory", "ansible.builtin.assert",
                args("that", List.of(stat + ".stat.isdir is defined and " + stat + ".stat.isdir"),
                        "fail_msg", unsafe("step " + number + ": " + dir + " is not a directory: " + why),
                        "quiet", true),
                Map.of());
    }

    /** the step acts on {@code path}. */
    void touches(String path) {
        touched.add(path);
    }

    /** the step creates {@code path} (and, with {@code ancestors}, the directories above it). */
    void creates(String path, boolean ancestors) {
        creates.add(path);
        if (ancestors) {
            for (String dir = Paths.parent(path); dir != null && !dir.equals("/"); dir = Paths.parent(dir)) {
                creates.add(dir);
            }
        }
    }

    List<String> created() {
        return creates;
    }

    /**
     * the step's tasks; when one acts on a path an earlier step may create ({@code created}: path to
     * the step that creates it), a dry run first looks whether it exists yet and skips the step when
     * it does not.
     */
    List<Task> tasks(Map<String, Integer> created) {
        String dependency = null;
        for (String path : touched) {
            for (String made : created.keySet()) {
                if (Paths.within(path, made) && (dependency == null || made.length() > dependency.length())) {
                    dependency = made;
                }
            }
        }
        if (dependency == null) {
            return List.copyOf(tasks);
        }
        String exists = "llmos_step" + number + "_made";
        List<Task> gated = new ArrayList<>();
        gated.add(Task.of("step " + number + " check: in a dry run, does " + dependency + " exist yet (step "
                        + created.get(dependency) + " may create it)", "ansible.builtin.stat",
                        args("path", unsafe(dependency)))
                .with("register", exists).with("when", List.of("ansible_check_mode")));
        String condition = "not ansible_check_mode or " + exists + ".stat.exists";
        for (Task task : tasks) {
            gated.add(task.when(condition));
        }
        return gated;
    }

    static Yaml.Unsafe unsafe(String text) {
        return new Yaml.Unsafe(text);
    }

    /** an ordered map from alternating keys and values. */
    static Map<String, Object> args(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
