package dev.llmos.shell;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * renders any action output for people: scalars as {@code key: value}, arrays of objects as
 * aligned tables, nested objects indented. generic on purpose, so a new action family needs no
 * rendering code.
 */
final class Render {
    private static final int MAX_CELL = 60;
    private static final Set<String> SIZE_KEYS = Set.of("size", "used", "available");

    private Render() {
    }

    static void value(PrintWriter out, JsonNode node) {
        value(out, node, "");
    }

    private static void value(PrintWriter out, JsonNode node, String indent) {
        if (node.isObject()) {
            int width = 0;
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (isInline(field.getValue())) {
                    width = Math.max(width, field.getKey().length());
                }
            }
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                JsonNode child = field.getValue();
                if (isInline(child)) {
                    out.println(indent + pad(field.getKey() + ":", width + 1) + " " + cell(field.getKey(), child, Integer.MAX_VALUE));
                } else if (child.isArray()) {
                    out.println(indent + field.getKey() + ": (" + child.size() + ")");
                    table(out, child, indent + "  ");
                } else {
                    out.println(indent + field.getKey() + ":");
                    value(out, child, indent + "  ");
                }
            }
        } else if (node.isArray()) {
            table(out, node, indent);
        } else {
            out.println(indent + cell("", node, Integer.MAX_VALUE));
        }
    }

    /** an aligned table of the scalar fields of an array of objects. */
    static void table(PrintWriter out, JsonNode array, String indent) {
        if (array.isEmpty()) {
            out.println(indent + "(none)");
            return;
        }
        Set<String> columns = new LinkedHashSet<>();
        for (JsonNode row : array) {
            if (!row.isObject()) {
                out.println(indent + "- " + cell("", row, Integer.MAX_VALUE));
                continue;
            }
            for (Map.Entry<String, JsonNode> field : row.properties()) {
                if (isInline(field.getValue())) {
                    columns.add(field.getKey());
                }
            }
        }
        if (columns.isEmpty()) {
            return;
        }
        List<String> header = new ArrayList<>(columns);
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode row : array) {
            if (row.isObject()) {
                List<String> cells = new ArrayList<>();
                for (String column : header) {
                    JsonNode value = row.get(column);
                    cells.add(value == null || value.isNull() ? "" : cell(column, value, MAX_CELL));
                }
                rows.add(cells);
            }
        }
        int[] widths = new int[header.size()];
        for (int i = 0; i < header.size(); i++) {
            widths[i] = header.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        out.println(indent + line(header.stream().map(h -> h.toUpperCase(Locale.ROOT)).toList(), widths));
        for (List<String> row : rows) {
            out.println(indent + line(row, widths));
        }
    }

    private static String line(List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            line.append(i == cells.size() - 1 ? cells.get(i) : pad(cells.get(i), widths[i]) + "  ");
        }
        return line.toString().stripTrailing();
    }

    private static boolean isInline(JsonNode node) {
        if (node.isValueNode() || node.isNull()) {
            return true;
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                if (!element.isValueNode()) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    private static String cell(String key, JsonNode value, int max) {
        String text;
        if (value.isArray()) {
            List<String> parts = new ArrayList<>();
            value.forEach(v -> parts.add(v.asText()));
            text = String.join(", ", parts);
        } else if (value.isNumber() && isSize(key)) {
            text = bytes(value.asLong());
        } else {
            text = value.isNull() ? "" : value.asText();
        }
        text = text.replace('\n', ' ');
        return text.length() > max ? text.substring(0, max - 1) + "…" : text;
    }

    private static boolean isSize(String key) {
        return key.endsWith("_bytes") || SIZE_KEYS.contains(key);
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
        double value = n;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }
}
