package dev.llmos.modeld;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.protocol.Json;
import dev.llmos.protocol.RpcException;
import de.kherud.llama.LlamaModel;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * turns a json schema into a llama.cpp grammar (gbnf) with llama.cpp's own converter, after making
 * bounded strings' patterns finite ({@link PatternBounds}), then tightens the whitespace rule. the converter's {@code space} rule allows up to two newlines and
 * twenty indentation characters between any two tokens; a model with weak preferences (and every
 * random-weight test model) spends its token budget there and never closes the json. the rule
 * becomes {@code " "?}, what llama.cpp calls compact spaces: at most one space. results are cached
 * by schema text.
 */
final class JsonSchemaGrammar {
    static final String COMPACT_SPACE = "space ::= \" \"?";
    private static final Pattern SPACE_RULE = Pattern.compile("(?m)^space ::= .*$");
    private static final int CACHE_SIZE = 32;

    private static final Map<String, String> CACHE = new LinkedHashMap<>(CACHE_SIZE, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    private JsonSchemaGrammar() {
    }

    /** the grammar for {@code schema}; an unsupported or malformed schema is an {@link IllegalArgumentException}. */
    static String of(String schema) {
        synchronized (CACHE) {
            String cached = CACHE.get(schema);
            if (cached != null) {
                return cached;
            }
        }
        JsonNode tree = parse(schema);
        SchemaGuard.check(tree);
        boundPatterns(tree);
        NativeLibrary.prepare();
        // the native side parses the text again: hand it the canonical form jackson accepted
        String grammar = LlamaModel.jsonSchemaToGrammar(Json.toString(tree));
        String compact = SPACE_RULE.matcher(grammar).replaceFirst(COMPACT_SPACE);
        synchronized (CACHE) {
            CACHE.put(schema, compact);
        }
        return compact;
    }

    /** every string pattern that has a {@code maxLength} gets finite repetitions ({@link PatternBounds}). */
    private static void boundPatterns(JsonNode node) {
        if (node instanceof com.fasterxml.jackson.databind.node.ObjectNode object && object.path("pattern").isTextual()
                && object.path("maxLength").canConvertToInt()) {
            object.put("pattern", PatternBounds.bound(object.get("pattern").asText(), object.get("maxLength").asInt()));
        }
        for (JsonNode child : node) {
            boundPatterns(child);
        }
    }

    private static JsonNode parse(String schema) {
        try {
            JsonNode tree = Json.parse(schema.getBytes(StandardCharsets.UTF_8));
            if (!tree.isObject()) {
                throw new IllegalArgumentException("a json schema must be a json object");
            }
            return tree;
        } catch (RpcException e) {
            throw new IllegalArgumentException("the json schema is not valid json: " + e.getMessage(), e);
        }
    }
}
