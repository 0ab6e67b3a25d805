package dev.llmos.actions.files;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.action.Risk;
import dev.llmos.action.testkit.CatalogConventions;
import dev.llmos.action.testkit.Harness;
import dev.llmos.catalog.CatalogEntry;
import dev.llmos.protocol.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CatalogTest {
    @Test
    void everyActionOfTheFamilyIsDiscovered() {
        assertEquals(List.of("fs.chmod", "fs.copy", "fs.delete", "fs.mkdir", "fs.move", "fs.purge_quarantine",
                "fs.restore", "fs.write"), Harness.catalog().entries().stream().map(CatalogEntry::name).toList());
    }

    @Test
    void followsTheCatalogConventions() {
        CatalogConventions.check(Harness.catalog());
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
        CatalogEntry entry = Harness.catalog().find(name);
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
        JsonNode bound = Harness.catalog().find(name)
                .bind(Json.parse(params.getBytes(StandardCharsets.UTF_8)), "/params").normalized();
        assertEquals(Json.parse(normalized.getBytes(StandardCharsets.UTF_8)), bound);
    }

    @Test
    void inverseParamsOmitAnAbsentDigest() {
        assertEquals("{\"path\":\"/x\",\"item\":\"20250101T000000Z-00000000\"}",
                Json.toString(new FsRestoreAction.Params("/x", "20250101T000000Z-00000000", null)));
    }
}
