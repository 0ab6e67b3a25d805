package dev.llmos.modeld;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * decodes a turn that may call functions, on the model alone from start to end: a first pass under
 * {@link ToolGrammar#decision} picks a text answer or a call and its function's name; the arguments
 * then follow under that function's own schema (the grammar from its json schema), continuing the
 * same text; with parallel calls allowed, {@link ToolGrammar#more} decides whether another call
 * follows. the first pass starts from an empty kv cache, so its result does not depend on earlier
 * requests; the passes after it continue the cache of the one before (the model is held for the whole
 * turn, so nothing else comes in between) and pay only for their few new tokens of prompt.
 * greedy at temperature 0: the same request gives the same calls.
 */
final class ToolDecoder {
    /** the most calls one turn may make. */
    static final int MAX_CALLS = 8;

    /**
     * a decoded turn.
     *
     * @param content the text answer, or null when it calls functions
     * @param calls the calls, each a function name and its arguments' json text
     * @param promptTokens the prompt's length
     * @param completionTokens tokens generated over every pass
     * @param finishReason {@code tool_calls}, {@code stop} or {@code length}
     */
    record Decoded(String content, List<Call> calls, int promptTokens, int completionTokens, String finishReason) {
    }

    /** one decoded call. */
    record Call(String name, String arguments) {
    }

    private ToolDecoder() {
    }

    /** the function a call's opening names ({@code ...<tool_call>\n{"name": "x"}), or null when it is incomplete. */
    static String name(String opening, Map<String, ToolDef> tools) {
        int start = opening.indexOf(ToolPrompt.CALL_OPEN);
        if (start < 0 || !opening.endsWith("\"") || opening.length() < start + ToolPrompt.CALL_OPEN.length() + 1) {
            return null;
        }
        String name = opening.substring(start + ToolPrompt.CALL_OPEN.length(), opening.length() - 1);
        return tools.containsKey(name) ? name : null;
    }

    static Decoded decode(LocalModel model, String prompt, List<ToolDef> tools, ToolMode mode, boolean parallel,
                          int maxTokens, Sampling sampling) throws ModelException {
        Map<String, ToolDef> byName = tools.stream().collect(Collectors.toMap(ToolDef::name, Function.identity()));
        return model.exclusive(() -> {
            int promptTokens = model.tokens(prompt);
            // the first pass evaluates the whole prompt (as a fresh request would) and leaves it cached for the next
            model.forgetCache();
            Completion first = model.complete(Generation.constrained(prompt, ToolGrammar.decision(tools, mode), maxTokens,
                    sampling, true));
            int used = first.completionTokens();
            if (!first.text().startsWith("<")) {
                return new Decoded(first.text(), List.of(), promptTokens, used, first.finishReason());
            }
            if (name(first.text(), byName) == null) {
                // only a call starts with "<": this one was cut off before its name was complete
                return new Decoded("", List.of(), promptTokens, used, Completion.LENGTH);
            }
            List<Call> calls = new ArrayList<>();
            String text = prompt + first.text();
            String opened = first.text();
            while (true) {
                String name = name(opened, byName);
                if (used >= maxTokens) {
                    calls.add(new Call(name, ""));
                    return new Decoded(null, calls, promptTokens, used, Completion.LENGTH);
                }
                text += ToolPrompt.ARGUMENTS;
                Completion arguments = model.complete(Generation.schema(text, byName.get(name).parameters(),
                        maxTokens - used, sampling, true));
                used += arguments.completionTokens();
                calls.add(new Call(name, arguments.text()));
                if (arguments.finishReason().equals(Completion.LENGTH)) {
                    return new Decoded(null, calls, promptTokens, used, Completion.LENGTH);
                }
                text += arguments.text() + ToolPrompt.CALL_CLOSE;
                if (!parallel || calls.size() >= MAX_CALLS || used >= maxTokens) {
                    return new Decoded(null, calls, promptTokens, used, "tool_calls");
                }
                Completion next = model.complete(Generation.constrained(text, ToolGrammar.more(tools), maxTokens - used,
                        sampling, true));
                used += next.completionTokens();
                if (name(next.text(), byName) == null) {
                    return new Decoded(null, calls, promptTokens, used, "tool_calls");
                }
                text += next.text();
                opened = next.text();
            }
        });
    }
}
