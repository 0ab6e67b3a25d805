package dev.llmos.actions.systemd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * the units a manager knows: those loaded in memory ({@code systemctl list-units --all
 * --output=json}) joined with the installed unit files ({@code systemctl list-unit-files
 * --output=json}), so a disabled service that never ran is listed too.
 */
final class UnitList {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * one unit.
     *
     * @param unit the unit's full name
     * @param description what it says it is; null when it is not loaded
     * @param loadState null when it is not loaded (only its unit file is known)
     * @param activeState {@code active}, {@code inactive}, {@code failed}, ...
     * @param subState {@code running}, {@code dead}, {@code exited}, ...
     * @param enabled the unit file's state, null when it has no unit file
     */
    record Unit(String unit, String description, String loadState, String activeState, String subState,
            String enabled) {
        /** true when any of its states is {@code state}. */
        boolean inState(String state) {
            return state.equals(loadState) || state.equals(activeState) || state.equals(subState)
                    || state.equals(enabled);
        }
    }

    private UnitList() {
    }

    /** joins the json of list-units and list-unit-files, sorted by name; templates are left out. */
    static List<Unit> parse(String listUnits, String listUnitFiles) throws IOException {
        Map<String, Unit> units = new TreeMap<>();
        for (JsonNode node : array(listUnits)) {
            String name = node.path("unit").asText("");
            if (!name.isEmpty()) {
                units.put(name, new Unit(name, text(node, "description"), text(node, "load"), text(node, "active"),
                        text(node, "sub"), null));
            }
        }
        for (JsonNode node : array(listUnitFiles)) {
            String name = node.path("unit_file").asText("");
            if (name.isEmpty() || name.contains("@.")) {
                continue;
            }
            String state = text(node, "state");
            Unit loaded = units.get(name);
            units.put(name, loaded == null
                    ? new Unit(name, null, null, "inactive", "dead", state)
                    : new Unit(name, loaded.description(), loaded.loadState(), loaded.activeState(), loaded.subState(),
                            state));
        }
        return new ArrayList<>(units.values());
    }

    private static JsonNode array(String json) throws IOException {
        if (json.isBlank()) {
            return JSON.createArrayNode();
        }
        JsonNode node = JSON.readTree(json);
        if (!node.isArray()) {
            throw new IOException("expected a json array from systemctl");
        }
        return node;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /**
     * true when {@code name} matches {@code pattern}: a glob ({@code *}, {@code ?}, {@code [...]})
     * over the whole name, or, without glob characters, a case-insensitive substring.
     */
    static boolean matches(String pattern, String name) {
        if (pattern.indexOf('*') < 0 && pattern.indexOf('?') < 0 && pattern.indexOf('[') < 0) {
            return name.toLowerCase(Locale.ROOT).contains(pattern.toLowerCase(Locale.ROOT));
        }
        return glob(pattern, name);
    }

    /** wildcard matching in linear passes (one star backtrack point), so no pattern can be slow. */
    private static boolean glob(String p, String s) {
        int pi = 0;
        int si = 0;
        int starP = -1;
        int starS = -1;
        while (si < s.length()) {
            if (pi < p.length() && p.charAt(pi) == '*') {
                starP = pi++;
                starS = si;
                continue;
            }
            int step = pi < p.length() ? token(p, pi, s.charAt(si)) : -1;
            if (step > 0) {
                pi += step;
                si++;
            } else if (starP >= 0) {
                pi = starP + 1;
                si = ++starS;
            } else {
                return false;
            }
        }
        while (pi < p.length() && p.charAt(pi) == '*') {
            pi++;
        }
        return pi == p.length();
    }

    /** how many pattern characters the token at {@code pi} spans when it matches {@code c}, else -1. */
    private static int token(String p, int pi, char c) {
        char t = p.charAt(pi);
        if (t == '?') {
            return 1;
        }
        if (t == '[') {
            int close = p.indexOf(']', pi + 2);
            if (close > 0) {
                return p.substring(pi + 1, close).indexOf(c) >= 0 ? close - pi + 1 : -1;
            }
        }
        if (t == '\\' && pi + 1 < p.length()) {
            return p.charAt(pi + 1) == c ? 2 : -1;
        }
        return t == c ? 1 : -1;
    }
}
