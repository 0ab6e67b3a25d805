package dev.llmos.loop;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** where two json values differ, as json pointers in document order. */
public final class JsonDiff {
    private JsonDiff() {
    }

    /** at most {@code max} pointers at which {@code a} and {@code b} differ; empty when equal. */
    public static List<String> pointers(JsonNode a, JsonNode b, int max) {
        List<String> out = new ArrayList<>();
        walk(a, b, "", out, max);
        return out;
    }

    private static void walk(JsonNode a, JsonNode b, String at, List<String> out, int max) {
        if (out.size() >= max || (a == null ? b == null : a.equals(b))) {
            return;
        }
        if (a != null && b != null && a.isObject() && b.isObject()) {
            Set<String> names = new TreeSet<>();
            a.fieldNames().forEachRemaining(names::add);
            b.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                walk(a.get(name), b.get(name), at + "/" + name.replace("~", "~0").replace("/", "~1"), out, max);
            }
            return;
        }
        if (a != null && b != null && a.isArray() && b.isArray()) {
            for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
                walk(a.get(i), b.get(i), at + "/" + i, out, max);
            }
            return;
        }
        out.add(at.isEmpty() ? "/" : at);
    }
}
