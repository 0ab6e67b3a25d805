package dev.llmos.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Json#canonical} gives the text it always gave (what consent tokens, audit digests and the loop's
 * chat are taken over): the same as reading the tree into maps and lists and writing those with sorted
 * keys, the way it was computed before, for trees of every node type.
 */
class CanonicalTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper SORTED = Json.MAPPER.copy()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
            .configure(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY, true);
    private static final List<String> NUMBERS = List.of("0", "-0", "7", "-12", "2147483648", "-9223372036854775808",
            "9223372036854775808", "123456789012345678901234567890", "0.0", "-0.0", "1.5", "1e5", "1E-7", "-2.5e+300",
            "3.141592653589793", "0.1", "1.0E20", "4.9e-324", "1.7976931348623157e308", "100.000");
    private static final List<String> KEYS = List.of("a", "b", "A", "Z", "_", "path", "params", "é", "ä", "日本",
            "\u0000x", "key with space", "\"quoted\"", "a\\b", "10", "9", "", "emoji\uD83D\uDE00", "zz", "aa");

    /** the definition before: the tree as maps and lists, written with keys sorted. */
    private static String reference(JsonNode value) throws IOException {
        return SORTED.writeValueAsString(SORTED.treeToValue(value, Object.class));
    }

    /** a plain value with sorted-by-name properties and a map whose keys are out of order. */
    public record Pojo(String zeta, int alpha, Map<String, Object> map) {
    }

    private static JsonNode random(Random random, int depth) throws IOException {
        int kind = depth > 4 ? random.nextInt(6) : random.nextInt(9);
        return switch (kind) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 -> NODES.textNode(KEYS.get(random.nextInt(KEYS.size())) + "\n\t\u2028<\u001f>" + random.nextInt());
            case 3 -> Json.MAPPER.readTree(NUMBERS.get(random.nextInt(NUMBERS.size())));
            case 4 -> switch (random.nextInt(7)) {
                case 0 -> NODES.numberNode(random.nextFloat() * 1000);
                case 1 -> NODES.numberNode(new BigDecimal(random.nextInt() + "." + random.nextInt(1000)));
                case 2 -> NODES.numberNode(BigInteger.valueOf(random.nextLong()).multiply(BigInteger.TEN));
                case 3 -> NODES.numberNode((short) random.nextInt());
                case 4 -> NODES.numberNode(random.nextLong());
                case 5 -> NODES.numberNode(random.nextDouble() * Math.pow(10, random.nextInt(40) - 20));
                default -> NODES.numberNode(random.nextInt());
            };
            case 5 -> random.nextInt(4) == 0 ? NODES.binaryNode(new byte[] {1, 2, (byte) random.nextInt()})
                    : NODES.textNode("");
            case 6, 7 -> {
                ObjectNode object = NODES.objectNode();
                for (int i = random.nextInt(6); i > 0; i--) {
                    object.set(KEYS.get(random.nextInt(KEYS.size())), random(random, depth + 1));
                }
                if (random.nextInt(8) == 0) {
                    Map<String, Object> map = new LinkedHashMap<>();
                    map.put("z", 1);
                    map.put("b", List.of("x", 2.5));
                    map.put("a", null);
                    object.putPOJO("pojo", new Pojo("last", 3, map));
                }
                yield object;
            }
            default -> {
                ArrayNode array = NODES.arrayNode();
                for (int i = random.nextInt(5); i > 0; i--) {
                    array.add(random(random, depth + 1));
                }
                yield array;
            }
        };
    }

    @Test
    void givesTheSameTextAsTheTreeReadIntoMapsAndWrittenSorted() throws IOException {
        Random random = new Random(20261206);
        for (int i = 0; i < 20_000; i++) {
            JsonNode value = random(random, 0);
            assertEquals(reference(value), Json.canonical(value), value.toString());
        }
    }

    @Test
    void sortsKeysAtEveryLevelWithoutWhitespace() {
        JsonNode value = Json.MAPPER.createObjectNode().put("b", 1).set("a", Json.MAPPER.createObjectNode()
                .put("y", "é").put("x", 1.5).set("w", Json.MAPPER.createArrayNode().add(true).addNull()));
        assertEquals("{\"a\":{\"w\":[true,null],\"x\":1.5,\"y\":\"é\"},\"b\":1}", Json.canonical(value));
    }

    @Test
    void aMissingNodeIsNullAsBefore() throws IOException {
        assertEquals(reference(MissingNode.getInstance()), Json.canonical(MissingNode.getInstance()));
        assertEquals("null", Json.canonical(MissingNode.getInstance()));
    }
}
