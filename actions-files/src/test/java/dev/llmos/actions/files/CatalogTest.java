package dev.llmos.actions.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.action.Risk;
import dev.llmos.catalog.CatalogEntry;
import dev.llmos.protocol.Json;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CatalogTest {
    @Test
    void everyActionOfTheFamilyIsDiscovered() {
        assertEquals(List.of("fs.chmod", "fs.copy", "fs.delete", "fs.mkdir", "fs.move", "fs.purge_quarantine",
                "fs.restore", "fs.write"), Harness.CATALOG.entries().stream().map(CatalogEntry::name).toList());
    }

    @Test
    void everyActionIsDescribedAndStrictlyTyped() {
        for (CatalogEntry entry : Harness.CATALOG.entries()) {
            String name = entry.name();
            assertFalse(entry.action().description().contains("\n"), name);
            int examples = entry.action().examples().size();
            assertTrue(examples >= 8 && examples <= 15, name + " has " + examples + " examples");
            JsonNode schema = entry.schema();
            assertFalse(schema.path("additionalProperties").asBoolean(true), name + " must be closed");
            for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
                String where = name + "." + property.getKey();
                assertFalse(property.getValue().path("description").asText().isBlank(), where + " undocumented");
                if (property.getValue().path("type").asText().equals("string")) {
                    assertTrue(property.getValue().has("maxLength") || property.getValue().has("enum"),
                            where + " is an unbounded string");
                }
            }
        }
    }

    @Test
    void examplesAreDistinctBetweenActions() {
        Map<String, String> owner = new HashMap<>();
        for (CatalogEntry entry : Harness.CATALOG.entries()) {
            for (String example : entry.action().examples()) {
                String previous = owner.put(example.toLowerCase(Locale.ROOT), entry.name());
                assertTrue(previous == null, "'" + example + "' is an example of both " + previous + " and " + entry.name());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "fs.write            | write       | path",
        "fs.mkdir            | write       | path",
        "fs.copy             | write       | source destination",
        "fs.move             | write       | source destination",
        "fs.delete           | destructive | path",
        "fs.chmod            | write       | path",
        "fs.restore          | write       | path",
        "fs.purge_quarantine | destructive | ''",
    })
    void risksAndPathParamsAreDeclaredForPolicy(String name, String risk, String paths) {
        CatalogEntry entry = Harness.CATALOG.find(name);
        assertEquals(Risk.valueOf(risk.toUpperCase(Locale.ROOT)), entry.action().risk());
        assertEquals(paths.isEmpty() ? List.of() : List.of(paths.split(" ")), entry.pathParams());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "fs.write            | {\"path\":\"/x\",\"content\":\"\"}  | {\"path\":\"/x\",\"content\":\"\",\"mode\":\"create\"}",
        "fs.mkdir            | {\"path\":\"/x\"}                   | {\"path\":\"/x\",\"parents\":false}",
        "fs.delete           | {\"path\":\"/x\"}                   | {\"path\":\"/x\",\"recursive\":false}",
        "fs.chmod            | {\"path\":\"/x\",\"mode\":\"0644\"} | {\"path\":\"/x\",\"mode\":\"0644\",\"recursive\":false}",
        "fs.purge_quarantine | {}                                  | {\"older_than_days\":30}",
    })
    void defaultsAreFilledIn(String name, String params, String normalized) throws Exception {
        JsonNode bound = Harness.CATALOG.find(name)
                .bind(Json.parse(params.getBytes(StandardCharsets.UTF_8)), "/params").normalized();
        assertEquals(Json.parse(normalized.getBytes(StandardCharsets.UTF_8)), bound);
    }

    @Test
    void inverseParamsOmitAnAbsentDigest() {
        assertEquals("{\"path\":\"/x\",\"item\":\"20250101T000000Z-00000000\"}",
                Json.toString(new FsRestoreAction.Params("/x", "20250101T000000Z-00000000", null)));
    }
}
