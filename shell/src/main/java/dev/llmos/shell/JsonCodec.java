package dev.llmos.shell;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import com.fasterxml.jackson.databind.util.RawValue;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * json text to and from jackson's tree types, in a few hundred lines of plain code. llmsh's
 * one-shot start-up is mostly interpreted set-up code: an {@code ObjectMapper} cost 30 to 70 ms
 * of it, and jackson-core's parser alone 12 to 20 ms before its first token (measured, see
 * docs/benchmarks.md), more than the rest of a typical command. strict as rfc 8259 and the
 * protocol's codec: duplicate keys, control characters in strings, trailing data and nesting
 * deeper than {@link #MAX_DEPTH} are errors. the daemon validates everything again.
 */
final class JsonCodec {
    static final int MAX_DEPTH = 64;
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String text;
    private int at;

    private JsonCodec(String text) {
        this.text = text;
    }

    /** a syntax error in json text. */
    static final class JsonException extends Exception {
        JsonException(String message) {
            super(message, null, false, false);
        }
    }

    static ObjectNode object() {
        return NODES.objectNode();
    }

    static ArrayNode array() {
        return NODES.arrayNode();
    }

    static JsonNode parse(byte[] utf8) throws JsonException {
        return parse(new String(utf8, StandardCharsets.UTF_8));
    }

    static JsonNode parse(String text) throws JsonException {
        JsonCodec reader = new JsonCodec(text);
        reader.space();
        if (reader.at >= text.length()) {
            throw new JsonException("empty input");
        }
        JsonNode value = reader.value(0);
        reader.space();
        if (reader.at < text.length()) {
            throw reader.error("trailing data after the json value");
        }
        return value;
    }

    private JsonNode value(int depth) throws JsonException {
        if (depth > MAX_DEPTH) {
            throw error("json nested deeper than " + MAX_DEPTH);
        }
        char c = peek();
        return switch (c) {
            case '{' -> object(depth);
            case '[' -> array(depth);
            case '"' -> NODES.textNode(string());
            case 't' -> literal("true", NODES.booleanNode(true));
            case 'f' -> literal("false", NODES.booleanNode(false));
            case 'n' -> literal("null", NODES.nullNode());
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    yield number();
                }
                throw error("unexpected character '" + c + "'");
            }
        };
    }

    private ObjectNode object(int depth) throws JsonException {
        ObjectNode object = NODES.objectNode();
        at++;
        space();
        if (peek() == '}') {
            at++;
            return object;
        }
        while (true) {
            space();
            if (peek() != '"') {
                throw error("expected a member name in quotes");
            }
            String name = string();
            if (object.has(name)) {
                throw error("duplicate member '" + name + "'");
            }
            space();
            expect(':');
            space();
            object.set(name, value(depth + 1));
            space();
            char c = next();
            if (c == '}') {
                return object;
            }
            if (c != ',') {
                throw error("expected ',' or '}' in an object");
            }
        }
    }

    private ArrayNode array(int depth) throws JsonException {
        ArrayNode array = NODES.arrayNode();
        at++;
        space();
        if (peek() == ']') {
            at++;
            return array;
        }
        while (true) {
            space();
            array.add(value(depth + 1));
            space();
            char c = next();
            if (c == ']') {
                return array;
            }
            if (c != ',') {
                throw error("expected ',' or ']' in an array");
            }
        }
    }

    private String string() throws JsonException {
        at++;
        StringBuilder out = null;
        int start = at;
        while (true) {
            if (at >= text.length()) {
                throw error("unterminated string");
            }
            char c = text.charAt(at);
            if (c == '"') {
                String s = out == null ? text.substring(start, at) : out.append(text, start, at).toString();
                at++;
                return s;
            }
            if (c < 0x20) {
                throw error("control character in a string (it must be escaped)");
            }
            if (c != '\\') {
                at++;
                continue;
            }
            if (out == null) {
                out = new StringBuilder();
            }
            out.append(text, start, at);
            at++;
            char e = next();
            switch (e) {
                case '"', '\\', '/' -> out.append(e);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    if (at + 4 > text.length()) {
                        throw error("short \\u escape");
                    }
                    int code = 0;
                    for (int i = 0; i < 4; i++) {
                        int digit = Character.digit(text.charAt(at++), 16);
                        if (digit < 0) {
                            throw error("bad \\u escape");
                        }
                        code = code * 16 + digit;
                    }
                    out.append((char) code);
                }
                default -> throw error("bad escape '\\" + e + "'");
            }
            start = at;
        }
    }

    private JsonNode number() throws JsonException {
        int start = at;
        if (peek() == '-') {
            at++;
        }
        if (peek() == '0') {
            at++;
        } else {
            digits();
        }
        boolean fraction = false;
        if (at < text.length() && text.charAt(at) == '.') {
            at++;
            digits();
            fraction = true;
        }
        if (at < text.length() && (text.charAt(at) == 'e' || text.charAt(at) == 'E')) {
            at++;
            if (at < text.length() && (text.charAt(at) == '+' || text.charAt(at) == '-')) {
                at++;
            }
            digits();
            fraction = true;
        }
        String number = text.substring(start, at);
        if (fraction) {
            // a double, as the daemon's jackson reads and writes them: written back, the text is the same
            double value = Double.parseDouble(number);
            if (Double.isInfinite(value)) {
                throw error("number out of range: " + number);
            }
            return NODES.numberNode(value);
        }
        if (number.length() < 10) {
            return NODES.numberNode(Integer.parseInt(number));
        }
        BigInteger big = new BigInteger(number);
        return big.bitLength() < 32 ? NODES.numberNode(big.intValue())
                : big.bitLength() < 64 ? NODES.numberNode(big.longValue()) : NODES.numberNode(big);
    }

    private void digits() throws JsonException {
        int start = at;
        while (at < text.length() && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
            at++;
        }
        if (at == start) {
            throw error("expected a digit");
        }
    }

    private JsonNode literal(String word, JsonNode value) throws JsonException {
        if (!text.startsWith(word, at)) {
            throw error("unexpected word (expected " + word + ")");
        }
        at += word.length();
        return value;
    }

    private void space() {
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return;
            }
            at++;
        }
    }

    private char peek() throws JsonException {
        if (at >= text.length()) {
            throw error("unexpected end of input");
        }
        return text.charAt(at);
    }

    private char next() throws JsonException {
        char c = peek();
        at++;
        return c;
    }

    private void expect(char c) throws JsonException {
        if (next() != c) {
            throw error("expected '" + c + "'");
        }
    }

    private JsonException error(String what) {
        return new JsonException("malformed json at character " + at + ": " + what);
    }

    /** one line of utf-8 json, no trailing newline. */
    static byte[] bytes(JsonNode node) {
        return text(node).getBytes(StandardCharsets.UTF_8);
    }

    static String text(JsonNode node) {
        StringBuilder out = new StringBuilder(256);
        write(out, node, -1, 0);
        return out.toString();
    }

    /** indented json with a trailing newline, for files people read (saved plans). */
    static String pretty(JsonNode node) {
        StringBuilder out = new StringBuilder(256);
        write(out, node, 2, 0);
        return out.append('\n').toString();
    }

    /** @param indent spaces per level, or -1 for one line */
    private static void write(StringBuilder out, JsonNode node, int indent, int level) {
        switch (node.getNodeType()) {
            case OBJECT -> {
                if (node.isEmpty()) {
                    out.append("{}");
                    return;
                }
                out.append('{');
                boolean first = true;
                for (Map.Entry<String, JsonNode> field : node.properties()) {
                    out.append(first ? "" : ",");
                    first = false;
                    newline(out, indent, level + 1);
                    quote(out, field.getKey());
                    out.append(indent < 0 ? ":" : ": ");
                    write(out, field.getValue(), indent, level + 1);
                }
                newline(out, indent, level);
                out.append('}');
            }
            case ARRAY -> {
                if (node.isEmpty()) {
                    out.append("[]");
                    return;
                }
                out.append('[');
                for (int i = 0; i < node.size(); i++) {
                    out.append(i == 0 ? "" : ",");
                    newline(out, indent, level + 1);
                    write(out, node.get(i), indent, level + 1);
                }
                newline(out, indent, level);
                out.append(']');
            }
            case STRING -> quote(out, node.textValue());
            case NUMBER -> out.append(node.isDouble() || node.isFloat() ? Double.toString(node.doubleValue()) : node.asText());
            case BOOLEAN -> out.append(node.booleanValue());
            // json text a caller already wrote (e.g. the turns of a loop, each serialized once)
            case POJO -> out.append(node instanceof POJONode pojo && pojo.getPojo() instanceof RawValue raw
                    && raw.rawValue() instanceof String text ? text : "null");
            default -> out.append("null");
        }
    }

    private static void newline(StringBuilder out, int indent, int level) {
        if (indent >= 0) {
            out.append('\n').append(" ".repeat(indent * level));
        }
    }

    private static void quote(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    boolean lone = Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1)));
                    if (c < 0x20 || lone) {
                        // as jackson writes it: uppercase hex
                        String hex = Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT);
                        out.append("\\u").append("0".repeat(4 - hex.length())).append(hex);
                    } else {
                        out.append(c);
                        if (Character.isHighSurrogate(c)) {
                            out.append(s.charAt(++i));
                        }
                    }
                }
            }
        }
        out.append('"');
    }
}
