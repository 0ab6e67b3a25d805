package dev.llmos.modeld;

import java.util.List;

/**
 * the small grammars of function calling, decoded in steps: first whether to call and which
 * function (the name from a closed list), then that function's own arguments under its own schema's
 * grammar, then whether another call follows. each grammar stays small, so constrained decoding costs
 * little more than free decoding; one grammar for every function's arguments at once would be as
 * large as the whole catalog.
 */
final class ToolGrammar {
    private ToolGrammar() {
    }

    /** the first choice: a call of one of {@code tools}, or (when the mode allows) a text answer. */
    static String decision(List<ToolDef> tools, ToolMode mode) {
        String root = mode.kind() == ToolMode.Kind.AUTO ? "root ::= call | answer\n" : "root ::= call\n";
        List<String> names = mode.kind() == ToolMode.Kind.NAMED ? List.of(mode.name())
                : tools.stream().map(ToolDef::name).toList();
        // an answer starts with something visible (never a bare "<", which only opens a call)
        return root + call(names) + "answer ::= [^<\\x20\\t\\n\\r] [^\\x00]*\n";
    }

    /** after a call: another one, or the end. */
    static String more(List<ToolDef> tools) {
        return "root ::= (\"\\n\" call)?\n" + call(tools.stream().map(ToolDef::name).toList());
    }

    private static String call(List<String> names) {
        StringBuilder rules = new StringBuilder("call ::= ").append(literal(ToolPrompt.CALL_OPEN)).append(" name \"\\\"\"\n")
                .append("name ::= ");
        for (int i = 0; i < names.size(); i++) {
            rules.append(i == 0 ? "" : " | ").append(literal(names.get(i)));
        }
        return rules.append('\n').toString();
    }

    /** {@code text} as a gbnf string literal. */
    static String literal(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
