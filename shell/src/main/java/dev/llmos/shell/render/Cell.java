package dev.llmos.shell.render;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.support.Sizes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * one json value as text for people, by the name of the field it is in: sizes in iec units,
 * durations, instants in local time with their age, arrays as comma lists, objects as
 * {@code key=value} pairs. always escaped for a terminal.
 */
final class Cell {
    private Cell() {
    }

    /** the value on one line (newlines and tabs escaped). */
    static String inline(String key, JsonNode value, Layout layout) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "-";
        }
        if (value.isTextual()) {
            String text = value.textValue();
            if (text.isEmpty()) {
                return "\"\"";
            }
            if (Formats.isInstant(text)) {
                return Formats.instant(text, layout.now(), layout.zoneOrDefault());
            }
            return Escapes.inline(text);
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            long unit = Formats.sizeUnit(key);
            if (unit > 0) {
                return Sizes.iec(value.longValue() * unit);
            }
            long millis = Formats.durationUnitMillis(key);
            if (millis > 0) {
                return Formats.duration(value.longValue() * millis);
            }
        }
        if (value.isNumber()) {
            String text = value.asText();
            return text.indexOf('E') < 0 ? text : value.decimalValue().toPlainString();
        }
        if (value.isBoolean()) {
            return value.booleanValue() ? "true" : "false";
        }
        if (value.isArray()) {
            if (value.isEmpty()) {
                return "(none)";
            }
            List<String> parts = new ArrayList<>();
            for (JsonNode element : value) {
                parts.add(element.isContainerNode() ? "{" + inline(key, element, layout) + "}" : inline(key, element, layout));
            }
            return String.join(", ", parts);
        }
        return pairs(value, layout);
    }

    /** {@code family=ipv4 address=192.0.2.2 prefix_length=24}. */
    static String pairs(JsonNode object, Layout layout) {
        if (object.isEmpty()) {
            return "(none)";
        }
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            JsonNode v = field.getValue();
            String text = v.isArray() && !v.isEmpty() ? "[" + inline(field.getKey(), v, layout) + "]"
                    : v.isObject() ? "{" + pairs(v, layout) + "}" : inline(field.getKey(), v, layout);
            parts.add(Escapes.inline(field.getKey()) + "=" + text);
        }
        return String.join(" ", parts);
    }

    /**
     * the lines of a table cell: a multi-line string keeps its lines, an array of objects gets one
     * line per element, an empty string is an empty cell, anything else is {@link #inline}.
     */
    static List<String> lines(String key, JsonNode value, Layout layout) {
        List<String> lines = new ArrayList<>();
        if (value != null && value.isTextual() && value.textValue().indexOf('\n') >= 0) {
            for (String line : value.textValue().split("\n", -1)) {
                lines.add(Escapes.inline(line));
            }
            if (lines.size() > 1 && lines.getLast().isEmpty()) {
                lines.removeLast();
            }
        } else if (value != null && value.isArray() && !value.isEmpty() && value.get(0).isContainerNode()) {
            for (JsonNode element : value) {
                lines.add(element.isObject() ? pairs(element, layout) : inline(key, element, layout));
            }
        } else if (value != null && value.isTextual() && value.textValue().isEmpty()) {
            lines.add("");
        } else {
            lines.add(inline(key, value, layout));
        }
        return lines;
    }

    /** whether a field's value fits on its {@code key: value} line. */
    static boolean isInline(JsonNode value) {
        if (value.isTextual()) {
            return value.textValue().indexOf('\n') < 0;
        }
        if (value.isArray()) {
            for (JsonNode element : value) {
                if (element.isContainerNode() || (element.isTextual() && element.textValue().indexOf('\n') >= 0)) {
                    return false;
                }
            }
            return true;
        }
        return !value.isObject() || value.isEmpty();
    }

    /** display width: code points (wide east asian characters count as one, a known limit). */
    static int width(String text) {
        return text.codePointCount(0, text.length());
    }
}
