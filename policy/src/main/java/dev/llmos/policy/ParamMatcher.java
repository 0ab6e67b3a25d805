package dev.llmos.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * matches one named param against a list of alternatives. a string alternative is a {@link Glob}
 * over a string param, or over an array param's elements joined by single spaces (so
 * {@code "apt *"} matches the argv {@code ["apt", "update"]}); a number or boolean alternative
 * must equal the param exactly. an absent param, or an object, never matches.
 *
 * @param name the param's wire name
 * @param globs the string alternatives
 * @param values the number and boolean alternatives
 */
record ParamMatcher(String name, List<Glob> globs, List<JsonNode> values) {
    ParamMatcher {
        globs = List.copyOf(globs);
        values = List.copyOf(values);
    }

    boolean matches(JsonNode params) {
        JsonNode param = params.get(name);
        if (param == null) {
            return false;
        }
        String text = param.isTextual() ? param.textValue() : param.isArray() ? joined(param) : null;
        if (text != null) {
            for (Glob glob : globs) {
                if (glob.matches(text)) {
                    return true;
                }
            }
            return false;
        }
        for (JsonNode value : values) {
            if (same(value, param)) {
                return true;
            }
        }
        return false;
    }

    private static String joined(JsonNode array) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < array.size(); i++) {
            JsonNode element = array.get(i);
            if (!element.isValueNode()) {
                return null;
            }
            out.append(i == 0 ? "" : " ").append(element.asText());
        }
        return out.toString();
    }

    private static boolean same(JsonNode expected, JsonNode actual) {
        if (expected.isBoolean() || actual.isBoolean()) {
            return expected.equals(actual);
        }
        if (expected.isIntegralNumber() && actual.isIntegralNumber()) {
            return expected.bigIntegerValue().equals(actual.bigIntegerValue());
        }
        return expected.isNumber() && actual.isNumber()
                && expected.decimalValue().compareTo(actual.decimalValue()) == 0;
    }
}
