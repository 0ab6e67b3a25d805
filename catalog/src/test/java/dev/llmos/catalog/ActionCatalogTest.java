package dev.llmos.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.action.Action;
import dev.llmos.action.ActionContext;
import dev.llmos.action.PathParam;
import dev.llmos.action.Risk;
import dev.llmos.protocol.ErrorCodes;
import dev.llmos.protocol.Json;
import dev.llmos.protocol.RpcException;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ActionCatalogTest {
    enum Order { NAME, SIZE }

    record SampleParams(
            @NotNull @PathParam @Size(max = 4096) @JsonPropertyDescription("directory to list") String path,
            @JsonProperty(defaultValue = "false") Boolean showHidden,
            @Min(1) @Max(1000) @JsonProperty(defaultValue = "100") Integer limit,
            Order order,
            List<String> tags,
            @JsonProperty(defaultValue = "0") Long offset) {
    }

    static final class SampleAction implements Action<SampleParams> {
        private final String name;

        SampleAction(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String description() {
            return "lists things";
        }

        @Override
        public List<String> examples() {
            return List.of("list things");
        }

        @Override
        public Risk risk() {
            return Risk.READ;
        }

        @Override
        public Object execute(SampleParams params, ActionContext context) {
            return params;
        }
    }

    private static final ActionCatalog CATALOG = ActionCatalog.of(List.of(new SampleAction("sample.list")));

    private static JsonNode json(String text) throws RpcException {
        return Json.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void derivesAClosedSnakeCaseSchemaFromTheRecord() throws Exception {
        JsonNode schema = CATALOG.require("sample.list", "/action").schema();
        assertEquals("object", schema.get("type").asText());
        assertFalse(schema.get("additionalProperties").asBoolean());
        assertEquals(json("[\"path\"]"), schema.get("required"));
        JsonNode limit = schema.at("/properties/limit");
        assertEquals("integer", limit.get("type").asText());
        assertEquals(1, limit.get("minimum").asInt());
        assertEquals(1000, limit.get("maximum").asInt());
        assertEquals(100, limit.get("default").asInt());
        assertEquals("boolean", schema.at("/properties/show_hidden/type").asText());
        assertEquals(json("[\"name\",\"size\"]"), schema.at("/properties/order/enum"));
        assertEquals("directory to list", schema.at("/properties/path/description").asText());
        assertEquals(4096, schema.at("/properties/path/maxLength").asInt());
        assertEquals(List.of("path"), CATALOG.require("sample.list", "/action").pathParams());
    }

    @Test
    void bindsValidParamsAndFillsDefaults() throws Exception {
        CatalogEntry.Bound bound = CATALOG.require("sample.list", "/action")
                .bind(json("{\"path\":\"/tmp\",\"order\":\"size\",\"tags\":[\"a\"]}"), "/params");
        assertEquals(new SampleParams("/tmp", false, 100, Order.SIZE, List.of("a"), 0L), bound.value());
        JsonNode expected = json("{\"path\":\"/tmp\",\"order\":\"size\",\"tags\":[\"a\"],\"show_hidden\":false,\"limit\":100,\"offset\":0}");
        assertTrue(expected.equals(ActionCatalogTest::sameValue, bound.normalized()), bound.normalized().toString());
    }

    /** json values equal as values: a long 0 and an int 0 are the same number. */
    private static int sameValue(JsonNode a, JsonNode b) {
        boolean same = a.equals(b) || (a.isNumber() && b.isNumber() && a.decimalValue().compareTo(b.decimalValue()) == 0);
        return same ? 0 : 1;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unknown field       | {\"path\":\"/\",\"recurse\":true}  | /params/recurse",
        "missing field       | {\"limit\":3}                      | /params/path",
        "string for integer  | {\"path\":\"/\",\"limit\":\"10\"}  | /params/limit",
        "out of range        | {\"path\":\"/\",\"limit\":0}       | /params/limit",
        "fraction            | {\"path\":\"/\",\"limit\":1.5}     | /params/limit",
        "null value          | {\"path\":null}                    | /params/path",
        "bad enum            | {\"path\":\"/\",\"order\":\"age\"} | /params/order",
        "wrong element type  | {\"path\":\"/\",\"tags\":[1]}      | /params/tags/0",
        "number for boolean  | {\"path\":\"/\",\"show_hidden\":1} | /params/show_hidden",
    })
    void rejectsBadParamsNamingTheField(String name, String params, String pointer) {
        RpcException e = assertThrows(RpcException.class,
                () -> CATALOG.require("sample.list", "/action").bind(json(params), "/params"));
        assertEquals(ErrorCodes.INVALID_PARAMS, e.error().code());
        assertEquals(pointer, e.error().pointer(), e.getMessage());
        assertTrue(e.getMessage().startsWith("sample.list: "), e.getMessage());
    }

    record Envelope(@NotNull String name, @NotNull @JsonPropertyDescription("anything") com.fasterxml.jackson.databind.node.ObjectNode payload) {
    }

    @Test
    void anUntypedObjectParamIsOpenWhileItsEnvelopeStaysClosed() throws Exception {
        RecordBinder<Envelope> binder = RecordBinder.of(Envelope.class);
        assertEquals("object", binder.schema().at("/properties/payload/type").asText());
        assertTrue(binder.schema().at("/properties/payload/additionalProperties").isMissingNode());
        Envelope bound = binder.bind(json("{\"name\":\"x\",\"payload\":{\"any\":[1,{\"b\":2}]}}"), "/params", "t").value();
        assertEquals(2, bound.payload().at("/any/1/b").asInt());
        RpcException e = assertThrows(RpcException.class,
                () -> binder.bind(json("{\"name\":\"x\",\"payload\":{},\"extra\":1}"), "/params", "t"));
        assertEquals("/params/extra", e.error().pointer());
        assertEquals(ErrorCodes.INVALID_PARAMS, assertThrows(RpcException.class,
                () -> binder.bind(json("{\"name\":\"x\",\"payload\":[]}"), "/params", "t")).error().code());
    }

    @Test
    void unknownActionIsInvalidParams() {
        RpcException e = assertThrows(RpcException.class, () -> CATALOG.require("fs.nuke", "/action"));
        assertEquals(ErrorCodes.INVALID_PARAMS, e.error().code());
        assertEquals("/action", e.error().pointer());
    }

    @Test
    void duplicateOrMalformedNamesFailAtStartup() {
        assertThrows(IllegalStateException.class,
                () -> ActionCatalog.of(List.of(new SampleAction("a.b"), new SampleAction("a.b"))));
        assertThrows(IllegalStateException.class, () -> ActionCatalog.of(List.of(new SampleAction("NoDot"))));
    }

    @Test
    void versionChangesWithTheCatalog() {
        assertEquals(CATALOG.version(), ActionCatalog.of(List.of(new SampleAction("sample.list"))).version());
        assertFalse(CATALOG.version().equals(ActionCatalog.of(List.of(new SampleAction("sample.other"))).version()));
    }
}
