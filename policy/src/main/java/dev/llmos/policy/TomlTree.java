package dev.llmos.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/**
 * one policy file's toml as a json tree (what the record binder reads), with the line and column the
 * parser recorded for every key, array element and table, by json pointer. toml dates and times
 * are refused: no policy value is one.
 */
final class TomlTree {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String file;
    private final ObjectNode root;
    private final Map<String, TomlPosition> positions = new HashMap<>();

    private TomlTree(String file) {
        this.file = file;
        this.root = NODES.objectNode();
    }

    private TomlTree(String file, TomlTable table) throws PolicyException {
        this.file = file;
        this.root = table(table, "");
    }

    /**
     * parses {@code source}; a syntax error names its line and column. a text of blank and comment
     * lines only (the policy a package installs) is an empty table without starting the parser,
     * whose grammar costs a socket-activated daemon's start tens of milliseconds.
     */
    static TomlTree parse(PolicySource source) throws PolicyException {
        if (source.text().lines().allMatch(line -> line.isBlank() || line.strip().startsWith("#"))) {
            return new TomlTree(source.name());
        }
        TomlParseResult result = Toml.parse(source.text());
        if (result.hasErrors()) {
            TomlParseError error = result.errors().getFirst();
            throw at(source.name(), error.position(), "invalid toml: " + error.getMessage());
        }
        return new TomlTree(source.name(), result);
    }

    ObjectNode root() {
        return root;
    }

    /** an error at {@code pointer}, or at the nearest enclosing key, table or element the parser placed. */
    PolicyException error(String pointer, String detail) {
        return at(file, position(pointer), detail);
    }

    /** the line of {@code pointer}, or of its nearest enclosing key, table or element. */
    int line(String pointer) {
        return position(pointer).line();
    }

    private TomlPosition position(String pointer) {
        String at = pointer;
        while (!at.isEmpty() && !positions.containsKey(at)) {
            at = at.substring(0, at.lastIndexOf('/'));
        }
        return positions.getOrDefault(at, TomlPosition.positionAt(1, 1));
    }

    /** the json pointer of {@code key} under {@code parent}. */
    static String child(String parent, String key) {
        return parent + "/" + key.replace("~", "~0").replace("/", "~1");
    }

    private static PolicyException at(String file, TomlPosition position, String detail) {
        return new PolicyException(file, position.line(), position.column(), detail);
    }

    private ObjectNode table(TomlTable table, String pointer) throws PolicyException {
        ObjectNode node = NODES.objectNode();
        for (String key : table.keySet()) {
            String at = child(pointer, key);
            positions.put(at, table.inputPositionOf(List.of(key)));
            node.set(key, value(table.get(List.of(key)), at));
        }
        return node;
    }

    private ArrayNode array(TomlArray array, String pointer) throws PolicyException {
        ArrayNode node = NODES.arrayNode();
        for (int i = 0; i < array.size(); i++) {
            String at = pointer + "/" + i;
            positions.put(at, array.inputPositionOf(i));
            node.add(value(array.get(i), at));
        }
        return node;
    }

    private JsonNode value(Object value, String pointer) throws PolicyException {
        return switch (value) {
            case TomlTable table -> table(table, pointer);
            case TomlArray array -> array(array, pointer);
            case String text -> NODES.textNode(text);
            case Long number -> NODES.numberNode(number);
            case Double number -> NODES.numberNode(number);
            case Boolean flag -> NODES.booleanNode(flag);
            default -> throw error(pointer, "a date or time (" + value + ") is not a policy value");
        };
    }
}
