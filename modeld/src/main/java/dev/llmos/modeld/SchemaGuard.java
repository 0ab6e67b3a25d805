package dev.llmos.modeld;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * admits only json schemas that llama.cpp's schema-to-grammar converter handles. that converter
 * reports anything else by throwing a c++ exception through jni, which aborts the whole jvm, so
 * every shape it would reject has to be refused here first, with the json pointer of the offending
 * part. the rules follow the converter's {@code visit}: each subschema is an object with a
 * {@code type} (or a list of them), {@code enum}, {@code const}, {@code $ref}, {@code anyOf},
 * {@code oneOf}, {@code properties}, {@code items} or {@code pattern}; {@code $ref} is local
 * ({@code #/...}) and resolves; a {@code pattern} is anchored with {@code ^...$} and compiles.
 */
final class SchemaGuard {
    private static final Set<String> TYPES = Set.of("object", "array", "string", "integer", "number", "boolean", "null");
    private static final Set<String> NUMERIC_KEYWORDS = Set.of("minItems", "minLength", "maxLength", "minimum",
            "maximum", "exclusiveMinimum", "exclusiveMaximum");
    private static final Pattern BRACE = Pattern.compile("(?<!\\\\)\\{([^}]*)}?");
    private static final Pattern REPETITION = Pattern.compile("\\d{1,6}|\\d{0,6},\\d{0,6}");

    private final JsonNode root;
    private final Set<String> visitedRefs = new HashSet<>();

    private SchemaGuard(JsonNode root) {
        this.root = root;
    }

    /** throws {@link IllegalArgumentException} naming the first unsupported part of {@code schema}. */
    static void check(JsonNode schema) {
        SchemaGuard guard = new SchemaGuard(schema);
        guard.checkRefs(schema, "");
        guard.visit(schema, "");
    }

    /** the converter resolves every {@code $ref} in the document, even inside {@code const} values. */
    private void checkRefs(JsonNode node, String pointer) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null) {
                target(ref, pointer + "/$ref");
            }
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                checkRefs(field.getValue(), pointer + "/" + escape(field.getKey()));
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkRefs(node.get(i), pointer + "/" + i);
            }
        }
    }

    private JsonNode target(JsonNode ref, String pointer) {
        if (!ref.isTextual() || !ref.asText().startsWith("#/")) {
            throw unsupported(pointer, "only local references like \"#/$defs/name\" are supported");
        }
        JsonNode target = root;
        for (String token : ref.asText().substring(2).split("/", -1)) {
            if (token.isEmpty() || token.contains("~") || target == null || !target.isObject() || !target.has(token)) {
                throw unsupported(pointer, "reference " + ref.asText() + " does not resolve (escaped names are not supported)");
            }
            target = target.get(token);
        }
        return target;
    }

    private void visit(JsonNode schema, String pointer) {
        if (!schema.isObject()) {
            throw unsupported(pointer, "a subschema must be a json object (boolean schemas are not supported)");
        }
        JsonNode format = schema.get("format");
        if (format != null && !format.isTextual()) {
            throw unsupported(pointer + "/format", "format must be a string");
        }
        for (String keyword : NUMERIC_KEYWORDS) {
            JsonNode value = schema.get(keyword);
            if (value != null && !value.isNumber()) {
                throw unsupported(pointer + "/" + keyword, keyword + " must be a number");
            }
        }
        JsonNode type = schema.get("type");
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            if (visitedRefs.add(ref)) {
                visit(target(schema.get("$ref"), pointer + "/$ref"), ref.substring(1));
            }
        } else if (schema.has("oneOf") || schema.has("anyOf")) {
            String keyword = schema.has("oneOf") ? "oneOf" : "anyOf";
            visitAll(schema.get(keyword), pointer + "/" + keyword, false);
        } else if (type != null && type.isArray()) {
            for (int i = 0; i < type.size(); i++) {
                checkType(type.get(i), pointer + "/type/" + i);
                ObjectNode single = ((ObjectNode) schema).deepCopy();
                single.set("type", type.get(i));
                visit(single, pointer);
            }
        } else if (schema.has("const")) {
            return;
        } else if (schema.has("enum")) {
            if (!schema.get("enum").isArray() || schema.get("enum").isEmpty()) {
                throw unsupported(pointer + "/enum", "enum must be a non-empty array");
            }
        } else if (typeIs(type, "object") && (schema.has("properties") || schema.has("additionalProperties"))) {
            visitObject(schema, pointer);
        } else if (typeIs(type, "object") && schema.has("allOf")) {
            throw unsupported(pointer + "/allOf", "allOf is not supported: merge the schemas");
        } else if (typeIs(type, "array") && (schema.has("items") || schema.has("prefixItems"))) {
            String keyword = schema.has("items") ? "items" : "prefixItems";
            JsonNode items = schema.get(keyword);
            if (items.isArray()) {
                visitAll(items, pointer + "/" + keyword, true);
            } else {
                visit(items, pointer + "/" + keyword);
            }
        } else if (typeIs(type, "string") && schema.has("pattern")) {
            checkPattern(schema.get("pattern"), pointer + "/pattern");
        } else if (type == null && !schema.isEmpty()) {
            throw unsupported(pointer, "a subschema needs a type, enum, const, $ref, anyOf, oneOf, properties or items");
        } else if (type != null) {
            checkType(type, pointer + "/type");
        }
    }

    private void visitObject(JsonNode schema, String pointer) {
        JsonNode properties = schema.get("properties");
        if (properties != null) {
            if (!properties.isObject()) {
                throw unsupported(pointer + "/properties", "properties must be an object");
            }
            for (Map.Entry<String, JsonNode> property : properties.properties()) {
                visit(property.getValue(), pointer + "/properties/" + escape(property.getKey()));
            }
        }
        JsonNode additional = schema.get("additionalProperties");
        if (additional != null && additional.isObject()) {
            visit(additional, pointer + "/additionalProperties");
        } else if (additional != null && !additional.isBoolean()) {
            throw unsupported(pointer + "/additionalProperties", "additionalProperties must be a boolean or a schema");
        }
        JsonNode required = schema.get("required");
        if (required != null && !required.isArray()) {
            throw unsupported(pointer + "/required", "required must be an array of names");
        }
    }

    private void visitAll(JsonNode schemas, String pointer, boolean mayBeEmpty) {
        if (!schemas.isArray() || (!mayBeEmpty && schemas.isEmpty())) {
            throw unsupported(pointer, "expected a non-empty array of schemas");
        }
        Iterator<JsonNode> each = schemas.elements();
        for (int i = 0; each.hasNext(); i++) {
            visit(each.next(), pointer + "/" + i);
        }
    }

    private static boolean typeIs(JsonNode type, String name) {
        return type == null || (type.isTextual() && type.asText().equals(name));
    }

    private static void checkType(JsonNode type, String pointer) {
        if (!type.isTextual() || !TYPES.contains(type.asText())) {
            throw unsupported(pointer, "type must be one of " + String.join(", ", TYPES.stream().sorted().toList()));
        }
    }

    /** llama.cpp needs {@code ^...$}; its own parser trusts balanced brackets and small repetition counts. */
    private static void checkPattern(JsonNode pattern, String pointer) {
        if (!pattern.isTextual()) {
            throw unsupported(pointer, "pattern must be a string");
        }
        String text = pattern.asText();
        if (text.length() < 2 || !text.startsWith("^") || !text.endsWith("$")) {
            throw unsupported(pointer, "a pattern must be anchored as ^...$ for constrained decoding");
        }
        Matcher brace = BRACE.matcher(text);
        while (brace.find()) {
            if (!brace.group().endsWith("}") || !REPETITION.matcher(brace.group(1)).matches()) {
                throw unsupported(pointer, "braces in a pattern must be a repetition {n}, {n,} or {n,m} below a million;"
                        + " escape a literal brace");
            }
        }
        try {
            Pattern.compile(text);
        } catch (PatternSyntaxException e) {
            throw unsupported(pointer, "the pattern does not compile: " + e.getDescription());
        }
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    private static IllegalArgumentException unsupported(String pointer, String reason) {
        return new IllegalArgumentException("unsupported json schema at " + (pointer.isEmpty() ? "/" : pointer) + ": " + reason);
    }
}
