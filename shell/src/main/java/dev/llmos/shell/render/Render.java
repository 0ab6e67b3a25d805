package dev.llmos.shell.render;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.shell.cli.Text;
import java.util.List;
import java.util.Map;

/**
 * any json result for people, generically, so a new action family needs no rendering code:
 * fields as aligned {@code key: value} lines, multi-line strings as indented blocks (unified diffs
 * coloured as diffs), arrays of objects as tables, nested objects indented, empty lists as
 * {@code (none)}. nothing is cut: long values wrap at the terminal's width.
 */
public final class Render {
    private static final int MAX_KEY = 24;

    private Render() {
    }

    public static void value(Screen out, JsonNode node, Layout layout) {
        value(out, node, "", layout);
    }

    public static void value(Screen out, JsonNode node, String indent, Layout layout) {
        if (node == null || node.isMissingNode()) {
            return;
        }
        if (node.isObject()) {
            fields(out, node, indent, layout);
        } else if (node.isArray()) {
            array(out, "", node, indent, layout);
        } else if (node.isTextual() && node.textValue().indexOf('\n') >= 0) {
            block(out, "", node.textValue(), indent, layout);
        } else {
            out.println(indent + Cell.inline("", node, layout));
        }
    }

    private static void fields(Screen out, JsonNode object, String indent, Layout layout) {
        if (object.isEmpty()) {
            out.println(indent + "(none)");
            return;
        }
        int keyWidth = 0;
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            if (Cell.isInline(field.getValue())) {
                keyWidth = Math.max(keyWidth, Math.min(MAX_KEY, Cell.width(Escapes.inline(field.getKey()))));
            }
        }
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            String key = field.getKey();
            String label = Escapes.inline(key);
            JsonNode child = field.getValue();
            if (Cell.isInline(child)) {
                String head = indent + Text.pad(label + ":", keyWidth + 1) + " ";
                String text = Cell.inline(key, child, layout);
                List<String> lines = Text.wrap(text, layout.width() == 0 ? 0 : Math.max(20, layout.width() - head.length()));
                Style tone = tone(key, text);
                for (int i = 0; i < lines.size(); i++) {
                    out.print(i == 0 ? head : " ".repeat(head.length()));
                    if (tone != null || child.isNull()) {
                        out.print(tone == null ? Style.DIM : tone, lines.get(i));
                    } else {
                        out.print(lines.get(i));
                    }
                    out.println();
                }
            } else if (child.isTextual()) {
                out.println(indent + label + ":");
                block(out, key, child.textValue(), indent + "  ", layout);
            } else if (child.isArray()) {
                out.println(indent + label + ": (" + child.size() + ")");
                array(out, key, child, indent + "  ", layout);
            } else {
                out.println(indent + label + ":");
                fields(out, child, indent + "  ", layout);
            }
        }
    }

    /** a table when the elements are objects and it fits readably; else one element after another. */
    private static void array(Screen out, String key, JsonNode array, String indent, Layout layout) {
        if (array.isEmpty()) {
            out.println(indent + "(none)");
            return;
        }
        if (Table.allObjects(array) && Table.print(out, array, indent, layout)) {
            return;
        }
        for (JsonNode element : array) {
            if (element.isContainerNode()) {
                out.println(indent + "-");
                value(out, element, indent + "  ", layout);
            } else if (element.isTextual() && element.textValue().indexOf('\n') >= 0) {
                out.println(indent + "-");
                block(out, key, element.textValue(), indent + "  ", layout);
            } else {
                out.println(indent + "- " + Cell.inline(key, element, layout));
            }
        }
    }

    /** a multi-line string, line by line; a unified diff gets its lines coloured. */
    static void block(Screen out, String key, String text, String indent, Layout layout) {
        boolean diff = key.equals("diff") || isDiff(text);
        String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        for (String line : body.split("\n", -1)) {
            out.print(indent);
            Style style = diff ? diffStyle(line) : null;
            String safe = Escapes.block(line);
            if (style != null) {
                out.print(style, safe);
            } else {
                out.print(safe);
            }
            out.println();
        }
    }

    /** whether {@code text} is a unified diff ({@code --- a}, {@code +++ b}, {@code @@ ... @@}). */
    public static boolean isDiff(String text) {
        return text.startsWith("--- ") && text.contains("\n+++ ") && text.contains("\n@@ ");
    }

    private static Style diffStyle(String line) {
        if (line.startsWith("+++ ") || line.startsWith("--- ")) {
            return Style.BOLD;
        }
        if (line.startsWith("@@")) {
            return Style.CYAN;
        }
        if (line.startsWith("+")) {
            return Style.GREEN;
        }
        if (line.startsWith("-")) {
            return Style.RED;
        }
        return null;
    }

    /** a colour for well-known words in well-known fields (decisions, statuses), or null. */
    static Style tone(String key, String text) {
        return switch (key) {
            case "decision" -> switch (text) {
                case "allow" -> Style.GREEN;
                case "ask" -> Style.YELLOW;
                case "deny" -> Style.RED;
                default -> null;
            };
            case "status", "outcome" -> switch (text) {
                case "ok" -> Style.GREEN;
                case "failed", "denied" -> Style.RED;
                case "dry_run", "skipped", "confirmation_required" -> Style.YELLOW;
                default -> null;
            };
            default -> null;
        };
    }
}
