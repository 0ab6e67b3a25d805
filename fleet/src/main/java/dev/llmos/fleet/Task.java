package dev.llmos.fleet;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * one task of the playbook: its name (which says the plan step it comes from), one module with
 * its args, and task keywords ({@code register}, {@code when}, {@code environment}, ...).
 *
 * @param name shown by ansible for the task; plan text in it is never templated
 * @param module the module's fully qualified name, e.g. {@code ansible.builtin.file}
 * @param args the module's args, in order
 * @param keywords the task's keywords, in order
 */
record Task(Yaml.Unsafe name, String module, Map<String, Object> args, Map<String, Object> keywords) {
    Task {
        args = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(args));
        keywords = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(keywords));
    }

    static Task of(String name, String module, Map<String, Object> args) {
        return new Task(new Yaml.Unsafe(name), module, args, Map.of());
    }

    /** the same task with one more keyword. */
    Task with(String keyword, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(keywords);
        more.put(keyword, value);
        return new Task(name, module, args, more);
    }

    /** the same task with more keywords. */
    Task with(Map<String, Object> more) {
        Task task = this;
        for (Map.Entry<String, Object> keyword : more.entrySet()) {
            task = task.with(keyword.getKey(), keyword.getValue());
        }
        return task;
    }

    /** the same task run only when {@code condition} holds, as well as its own conditions. */
    Task when(String condition) {
        java.util.List<Object> all = new java.util.ArrayList<>(java.util.List.of(condition));
        if (keywords.get("when") instanceof java.util.List<?> own) {
            all.addAll(own);
        }
        return with("when", all);
    }

    /** the task as the playbook's yaml holds it. */
    Map<String, Object> yaml() {
        Map<String, Object> task = new LinkedHashMap<>();
        task.put("name", name);
        task.put(module, args);
        task.putAll(keywords);
        return task;
    }
}
