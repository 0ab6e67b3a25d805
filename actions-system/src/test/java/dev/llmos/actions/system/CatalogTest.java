package dev.llmos.actions.system;

import dev.llmos.action.testkit.CatalogConventions;
import dev.llmos.action.testkit.TestContext;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.action.Action;
import dev.llmos.action.Risk;
import dev.llmos.actions.system.fs.FsReadAction;
import dev.llmos.catalog.ActionCatalog;
import dev.llmos.catalog.CatalogEntry;
import dev.llmos.protocol.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CatalogTest {
    private static final ActionCatalog CATALOG = ActionCatalog.discover();

    @Test
    void everyActionOfTheFamilyIsDiscovered() {
        List<String> names = CATALOG.entries().stream().map(CatalogEntry::name).toList();
        assertEquals(List.of("fs.list", "fs.read", "fs.stat", "net.interfaces", "net.listening", "proc.list",
                "sys.disk_usage", "sys.hostname", "sys.info", "sys.time", "user.info", "user.list"), names);
    }

    @Test
    void followsTheCatalogConventions() {
        CatalogConventions.check(CATALOG);
    }

    @Test
    void everyActionOnlyReads() {
        CATALOG.entries().forEach(entry -> assertEquals(Risk.READ, entry.action().risk(), entry.name()));
    }


    @Test
    void pathParamsAreDeclaredForPolicy() {
        assertEquals(List.of("path"), CATALOG.find("fs.list").pathParams());
        assertEquals(List.of("path"), CATALOG.find("fs.read").pathParams());
        assertEquals(List.of("path"), CATALOG.find("fs.stat").pathParams());
        assertEquals(List.of("path"), CATALOG.find("sys.disk_usage").pathParams());
        assertEquals(List.of(), CATALOG.find("proc.list").pathParams());
    }

    @Test
    void defaultsAreFilledAndOutputUsesSnakeCase() throws Exception {
        CatalogEntry entry = CATALOG.find("fs.read");
        CatalogEntry.Bound bound = entry.bind(
                Json.parse("{\"path\":\"/proc/self/status\"}".getBytes(StandardCharsets.UTF_8)), "/params");
        assertEquals("{\"path\":\"/proc/self/status\",\"max_bytes\":65536,\"offset\":0}", Json.toString(bound.normalized()));
        @SuppressWarnings("unchecked")
        Action<Record> action = (Action<Record>) entry.action();
        JsonNode output = Json.toTree(TestContext.readOnly().execute(action, bound.value()));
        assertEquals("utf-8", output.path("encoding").asText());
        assertTrue(output.path("bytes_read").asInt() > 0, output.toString());
        assertTrue(output.path("eof").asBoolean());

        CatalogEntry.Bound far = entry.bind(Json.parse("{\"path\":\"/x\",\"offset\":5000000000}"
                .getBytes(StandardCharsets.UTF_8)), "/params");
        assertEquals(5_000_000_000L, ((FsReadAction.Params) far.value()).offset());

        JsonNode procDefaults = CATALOG.find("proc.list")
                .bind(Json.parse("{}".getBytes(StandardCharsets.UTF_8)), "/params").normalized();
        assertEquals("cpu", procDefaults.path("sort").asText());
        assertEquals(15, procDefaults.path("limit").asInt());
        assertEquals("all", CATALOG.find("net.listening")
                .bind(Json.parse("{}".getBytes(StandardCharsets.UTF_8)), "/params").normalized().path("protocol").asText());
    }
}
