package dev.llmos.loop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.llmos.protocol.Json;
import java.util.Map;

/**
 * cuts an action's output to the bytes a model may be fed, never silently: long strings keep their
 * head and end in {@code …[cut: N more chars]}, long arrays keep their first items and end in a
 * {@code …[cut: N more items]} element, and the result records the whole size next to the size shown.
 * one scale decides both cuts, found by bisection, so the shown part is as large as fits. a pure,
 * deterministic function: the same output and limit always give the same bytes.
 */
public final class Digest {
    /** the shortest head a cut string keeps. */
    static final int MIN_CHARS = 16;
    private static final int ROUNDS = 24;

    private Digest() {
    }

    /**
     * an output as fed to the model.
     *
     * @param shown what the model sees
     * @param bytes the size of the whole output (compact json, utf-8)
     * @param shownBytes the size of {@code shown}
     * @param truncated whether anything was cut
     */
    public record Fed(JsonNode shown, long bytes, long shownBytes, boolean truncated) {
    }

    /** the size of {@code value} as compact json. */
    public static long size(JsonNode value) {
        return Json.toBytes(value).length;
    }

    /** {@code output} as it fits in {@code limit} bytes. */
    public static Fed feed(JsonNode output, long limit) {
        long full = size(output);
        if (full <= limit) {
            return new Fed(output, full, full, false);
        }
        Extent extent = Extent.of(output);
        // bisection on a scale in (0, 1]: the largest that fits
        double low = 0;
        double high = 1;
        JsonNode best = null;
        for (int round = 0; round < ROUNDS; round++) {
            double scale = (low + high) / 2;
            JsonNode candidate = cut(output, chars(extent, scale), items(extent, scale));
            if (size(candidate) <= limit) {
                best = candidate;
                low = scale;
            } else {
                high = scale;
            }
        }
        if (best == null) {
            JsonNode smallest = cut(output, MIN_CHARS, 1);
            best = size(smallest) <= limit ? smallest : outline(output, full, limit);
        }
        return new Fed(best, full, size(best), true);
    }

    private static int chars(Extent extent, double scale) {
        return Math.max(MIN_CHARS, (int) Math.floor(extent.longestString() * scale));
    }

    private static int items(Extent extent, double scale) {
        return Math.max(1, (int) Math.floor(extent.longestArray() * scale));
    }

    /** {@code node} with every string cut to {@code chars} and every array to {@code items}. */
    static JsonNode cut(JsonNode node, int chars, int items) {
        if (node.isTextual()) {
            String text = node.asText();
            if (text.length() <= chars) {
                return node;
            }
            int end = Character.isHighSurrogate(text.charAt(chars - 1)) ? chars - 1 : chars;
            return TextNode.valueOf(text.substring(0, end) + "…[cut: " + (text.length() - end) + " more chars]");
        }
        if (node instanceof ArrayNode array) {
            ArrayNode copy = Json.MAPPER.createArrayNode();
            for (int i = 0; i < Math.min(items, array.size()); i++) {
                copy.add(cut(array.get(i), chars, items));
            }
            if (array.size() > items) {
                copy.add("…[cut: " + (array.size() - items) + " more items]");
            }
            return copy;
        }
        if (node instanceof ObjectNode object) {
            ObjectNode copy = Json.MAPPER.createObjectNode();
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                copy.set(field.getKey(), cut(field.getValue(), chars, items));
            }
            return copy;
        }
        return node;
    }

    /** when not even the smallest cut fits: the size and the top-level field names, as many as fit. */
    private static JsonNode outline(JsonNode output, long full, long limit) {
        ObjectNode outline = Json.MAPPER.createObjectNode().put("…[cut]", "the output is " + full
                + " bytes, too large to show any of it");
        if (output instanceof ObjectNode object) {
            ArrayNode fields = outline.putArray("fields");
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                fields.add(field.getKey());
                if (size(outline) > limit) {
                    fields.remove(fields.size() - 1);
                    break;
                }
            }
        }
        return outline;
    }

    /** the longest string and array anywhere in a value. */
    private record Extent(int longestString, int longestArray) {
        static Extent of(JsonNode node) {
            if (node.isTextual()) {
                return new Extent(node.asText().length(), 0);
            }
            int string = 0;
            int array = node.isArray() ? node.size() : 0;
            for (JsonNode child : node) {
                Extent inner = of(child);
                string = Math.max(string, inner.longestString());
                array = Math.max(array, inner.longestArray());
            }
            return new Extent(string, array);
        }
    }
}
