package dev.llmos.planner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.catalog.ActionCatalog;
import dev.llmos.catalog.CatalogEntry;
import dev.llmos.protocol.Json;
import dev.llmos.protocol.Plan;
import java.util.Map;

/**
 * the json schema of a whole plan, built from the live catalog: one {@code anyOf} branch per action
 * binding its name to its params schema, every object closed, every string and array bounded, so that
 * constrained decoding always closes and any plan (from an llm or a file) can be checked against it.
 * params schemas are the catalog's own, tightened: a string without {@code maxLength} gets
 * {@link #MAX_STRING}, an array without {@code maxItems} gets {@link #MAX_ITEMS}, and their
 * {@code $defs} move to the plan's {@code $defs} under the action's name.
 */
final class PlanSchema {
    public static final int MAX_STEPS = 16;
    public static final int MAX_REQUEST = 4096;
    public static final int MAX_PLANNER = 128;
    public static final int MAX_WHY = 512;
    /** the bound given to a params string the action left unbounded. */
    public static final int MAX_STRING = 4096;
    /** the bound given to a params array the action left unbounded. */
    public static final int MAX_ITEMS = 256;

    private static final String DEFS = "$defs";
    private static final String REF_PREFIX = "#/" + DEFS + "/";

    private PlanSchema() {
    }

    /** the schema of a plan using any action of {@code catalog}. */
    public static ObjectNode of(ActionCatalog catalog) {
        ObjectNode schema = Json.MAPPER.createObjectNode();
        ObjectNode defs = Json.MAPPER.createObjectNode();
        schema.put("type", "object");
        schema.putArray("required").add("version").add("request").add("planner").add("steps");
        ObjectNode properties = schema.putObject("properties");
        properties.putObject("version").put("type", "integer").put("const", Plan.VERSION);
        properties.putObject("request").put("type", "string").put("maxLength", MAX_REQUEST);
        properties.putObject("planner").put("type", "string").put("minLength", 1).put("maxLength", MAX_PLANNER);
        ObjectNode steps = properties.putObject("steps").put("type", "array").put("minItems", 1).put("maxItems", MAX_STEPS);
        ArrayNode branches = steps.putObject("items").putArray("anyOf");
        for (CatalogEntry entry : catalog.entries()) {
            branches.add(step(entry, defs));
        }
        schema.put("additionalProperties", false);
        if (!defs.isEmpty()) {
            schema.set(DEFS, defs);
        }
        return schema;
    }

    /**
     * the schema of what an llm is asked for: only the plan's {@code steps} (the daemon fills in the
     * version, the request and which planner made it, so a model cannot misstate them), every string,
     * array and the steps themselves capped by {@code bounds}.
     */
    public static ObjectNode proposal(ActionCatalog catalog, Decoding bounds) {
        ObjectNode plan = of(catalog);
        ObjectNode schema = Json.MAPPER.createObjectNode().put("type", "object");
        schema.putArray("required").add("steps");
        ObjectNode steps = ((ObjectNode) plan.get("properties").get("steps")).deepCopy();
        steps.put("maxItems", Math.min(bounds.maxSteps(), steps.path("maxItems").asInt(MAX_STEPS)));
        steps.set("items", capped(steps.get("items"), bounds));
        schema.putObject("properties").set("steps", steps);
        schema.put("additionalProperties", false);
        if (plan.has(DEFS)) {
            schema.set(DEFS, capped(plan.get(DEFS), bounds));
        }
        return schema;
    }

    /** {@code node} with every {@code maxLength} and {@code maxItems} at most the bounds' caps. */
    private static ObjectNode capped(JsonNode node, Decoding bounds) {
        ObjectNode copy = (ObjectNode) node.deepCopy();
        cap(copy, bounds);
        return copy;
    }

    private static void cap(JsonNode node, Decoding bounds) {
        if (node instanceof ObjectNode object) {
            if (object.has("maxLength")) {
                object.put("maxLength", Math.min(object.get("maxLength").asInt(), bounds.maxString()));
            }
            if (object.has("maxItems") && !object.has("anyOf")) {
                object.put("maxItems", Math.min(object.get("maxItems").asInt(), bounds.maxItems()));
            }
            object.forEach(child -> cap(child, bounds));
        } else if (node != null && node.isArray()) {
            node.forEach(child -> cap(child, bounds));
        }
    }

    /** the schema of one step of {@code entry} on its own (its {@code $defs} kept inside it). */
    public static ObjectNode step(CatalogEntry entry) {
        ObjectNode defs = Json.MAPPER.createObjectNode();
        ObjectNode step = step(entry, defs);
        if (!defs.isEmpty()) {
            step.set(DEFS, defs);
        }
        return step;
    }

    /**
     * the params schema of {@code entry} on its own, as a tool's parameters: bounded like a plan step's
     * params, capped by {@code bounds}, its definitions at its root.
     */
    public static ObjectNode params(CatalogEntry entry, Decoding bounds) {
        ObjectNode step = step(entry);
        ObjectNode params = (ObjectNode) step.get("properties").get("params").deepCopy();
        if (step.has(DEFS)) {
            params.set(DEFS, step.get(DEFS));
        }
        return capped(params, bounds);
    }

    /** the schema of an action name alone: the first choice when decoding a step in two parts. */
    public static ObjectNode actionName(ActionCatalog catalog) {
        ObjectNode schema = Json.MAPPER.createObjectNode().put("type", "string");
        ArrayNode names = schema.putArray("enum");
        catalog.entries().forEach(entry -> names.add(entry.name()));
        return schema;
    }

    private static ObjectNode step(CatalogEntry entry, ObjectNode defs) {
        ObjectNode step = Json.MAPPER.createObjectNode().put("type", "object");
        step.putArray("required").add("action").add("params");
        ObjectNode properties = step.putObject("properties");
        properties.putObject("action").put("type", "string").putArray("enum").add(entry.name());
        ObjectNode params = entry.schema().deepCopy();
        String prefix = entry.name() + ".";
        JsonNode own = params.remove(DEFS);
        if (own != null) {
            for (Map.Entry<String, JsonNode> def : own.properties()) {
                defs.set(prefix + def.getKey(), bounded(def.getValue(), prefix, entry));
            }
        }
        properties.set("params", bounded(params, prefix, entry));
        properties.putObject("why").put("type", "string").put("maxLength", MAX_WHY);
        step.put("additionalProperties", false);
        return step;
    }

    /** {@code node} with strings and arrays bounded, objects closed and local refs moved under {@code prefix}. */
    private static JsonNode bounded(JsonNode node, String prefix, CatalogEntry entry) {
        if (node.isArray()) {
            ArrayNode copy = Json.MAPPER.createArrayNode();
            node.forEach(item -> copy.add(bounded(item, prefix, entry)));
            return copy;
        }
        if (!node.isObject()) {
            return node;
        }
        ObjectNode copy = Json.MAPPER.createObjectNode();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            boolean schemaMap = field.getKey().equals("properties") || field.getKey().equals(DEFS);
            copy.set(field.getKey(), schemaMap ? boundedEach(field.getValue(), prefix, entry)
                    : field.getKey().equals("$ref") ? ref(field.getValue().asText(), prefix, entry)
                    : bounded(field.getValue(), prefix, entry));
        }
        String type = node.path("type").asText();
        if (type.equals("string") && !node.has("enum") && !node.has("const") && !node.has("maxLength")) {
            copy.put("maxLength", MAX_STRING);
        }
        if (type.equals("array") && !node.has("maxItems")) {
            copy.put("maxItems", MAX_ITEMS);
        }
        if (type.equals("object") && node.has("properties") && !node.has("additionalProperties")) {
            copy.put("additionalProperties", false);
        }
        return copy;
    }

    /** a map from names to schemas ({@code properties}, {@code $defs}): each value is a schema. */
    private static JsonNode boundedEach(JsonNode map, String prefix, CatalogEntry entry) {
        ObjectNode copy = Json.MAPPER.createObjectNode();
        map.properties().forEach(field -> copy.set(field.getKey(), bounded(field.getValue(), prefix, entry)));
        return copy;
    }

    private static JsonNode ref(String ref, String prefix, CatalogEntry entry) {
        if (!ref.startsWith(REF_PREFIX)) {
            throw new IllegalStateException("action " + entry.name() + ": params schema has a reference the plan schema "
                    + "cannot place: " + ref);
        }
        return Json.MAPPER.getNodeFactory().textNode(REF_PREFIX + prefix + ref.substring(REF_PREFIX.length()));
    }
}
