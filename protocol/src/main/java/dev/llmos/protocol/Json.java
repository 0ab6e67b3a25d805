package dev.llmos.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.cfg.EnumFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.NumericNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * the one json codec of the project. strict on input: no comments, no trailing commas, no
 * duplicate keys, no unknown properties, no scalar coercion (a string is never a number), bounded
 * nesting. property names are snake_case and enum constants lowercase on the wire.
 */
public final class Json {
    /** deepest nesting accepted in one frame; hostile input cannot exhaust the stack. */
    public static final int MAX_DEPTH = 64;

    public static final ObjectMapper MAPPER = build();
    /** reads frames into trees whose numbers are finite ({@link FiniteNumbers}). */
    private static final ObjectReader FRAMES = MAPPER.reader().with(new FiniteNumbers());
    private static final Canonical CANONICAL = new Canonical();

    private Json() {
    }

    private static ObjectMapper build() {
        JsonMapper mapper = JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(EnumFeature.WRITE_ENUMS_TO_LOWERCASE)
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .serializationInclusion(JsonInclude.Include.ALWAYS)
                .build();
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_DEPTH)
                .maxStringLength(FrameReader.MAX_FRAME_BYTES)
                .build());
        mapper.coercionConfigDefaults()
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        // a string stays a string: textual types may still be read from json strings
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.String, CoercionAction.TryConvert);
        mapper.coercionConfigFor(LogicalType.Enum)
                .setCoercion(CoercionInputShape.String, CoercionAction.TryConvert);
        return mapper;
    }

    /**
     * parses one frame into a tree; a syntax error, bytes that are not strict utf-8 ({@link Utf8}) or a
     * number too large for a double (json has no infinity) is an {@link RpcException} with -32700.
     */
    public static JsonNode parse(byte[] frame) throws RpcException {
        int invalid = Utf8.firstInvalid(frame);
        if (invalid >= 0) {
            throw RpcException.parseError("invalid utf-8 at byte " + invalid
                    + " (overlong, surrogate, out of range or truncated sequences are refused)");
        }
        try (JsonParser parser = MAPPER.createParser(frame)) {
            JsonNode node = FRAMES.readTree(parser);
            if (node == null || node.isMissingNode()) {
                throw RpcException.parseError("empty frame");
            }
            if (parser.nextToken() != null) {
                throw RpcException.parseError("trailing data after the json value");
            }
            return node;
        } catch (IOException e) {
            throw RpcException.parseError("malformed json: " + firstLine(e.getMessage()));
        } catch (FiniteNumbers.OutOfRange e) {
            throw RpcException.parseError(e.getMessage());
        }
    }

    /**
     * tree nodes whose floating-point numbers are finite: a literal such as {@code 1e999} overflows a
     * double to infinity, which json cannot write back (it would come back as the string `Infinity`), so a
     * frame with one is refused rather than read as something it does not say.
     */
    private static final class FiniteNumbers extends JsonNodeFactory {
        private static final long serialVersionUID = 1L;

        @Override
        public NumericNode numberNode(double value) {
            requireFinite(value);
            return super.numberNode(value);
        }

        @Override
        public NumericNode numberNode(float value) {
            requireFinite(value);
            return super.numberNode(value);
        }

        /** a float widens to a double exactly, infinities included. */
        private static void requireFinite(double value) {
            if (!Double.isFinite(value)) {
                throw new OutOfRange();
            }
        }

        /** a number literal beyond a double's range. */
        static final class OutOfRange extends IllegalArgumentException {
            private static final long serialVersionUID = 1L;

            OutOfRange() {
                super("a number beyond a double's range (json has no infinity)");
            }
        }
    }

    /** serializes to a single line of utf-8 json without a trailing newline. */
    public static byte[] toBytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * the canonical text of a json value: object keys sorted at every level, no whitespace. equal
     * values give equal text, so it is what hashes (confirmation, audit) are taken over.
     */
    public static String canonical(JsonNode value) {
        return CANONICAL.writeValueAsStringUnchecked(value);
    }

    public static String toString(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode toTree(Object value) {
        return MAPPER.valueToTree(value);
    }

    /**
     * a writer that sorts object keys, for {@link #canonical(JsonNode)}: it writes the tree itself, its
     * objects' keys sorted as they are written (a pojo inside a tree with its properties and map keys
     * sorted too), with no copy of the tree as maps and lists first.
     */
    private static final class Canonical {
        private final ObjectWriter sorted = MAPPER.copy()
                .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
                .configure(com.fasterxml.jackson.databind.MapperFeature.SORT_PROPERTIES_ALPHABETICALLY, true)
                .writer().with(JsonNodeFeature.WRITE_PROPERTIES_SORTED);

        String writeValueAsStringUnchecked(JsonNode value) {
            try {
                // a missing node (no value at all) is written as null, as a value read from it would be
                return sorted.writeValueAsString(value.isMissingNode() ? NullNode.getInstance() : value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable input";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
