package dev.llmos.actions.systemd;

import dev.llmos.action.testkit.CatalogConventions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.action.Risk;
import dev.llmos.catalog.ActionCatalog;
import dev.llmos.catalog.CatalogEntry;
import dev.llmos.protocol.Json;
import dev.llmos.protocol.RpcException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CatalogTest {
    private static final ActionCatalog CATALOG = ActionCatalog.discover();

    private static CatalogEntry.Bound bind(String action, String params) throws RpcException {
        return CATALOG.find(action).bind(Json.parse(params.getBytes(StandardCharsets.UTF_8)), "/params");
    }

    private static String rejected(String action, String params) {
        return assertThrows(RpcException.class, () -> bind(action, params), params).getMessage();
    }

    @Test
    void everyActionOfTheFamilyIsDiscovered() {
        List<String> names = CATALOG.entries().stream().map(CatalogEntry::name).toList();
        assertEquals(List.of("logs.query", "service.disable", "service.enable", "service.list", "service.restart",
                "service.start", "service.status", "service.stop", "sys.set_hostname", "sys.timezone"), names);
    }

    @Test
    void risksAreSystemForChangesAndReadForQueries() {
        Map<String, Risk> risks = new HashMap<>();
        CATALOG.entries().forEach(e -> risks.put(e.name(), e.action().risk()));
        for (String read : List.of("service.list", "service.status", "logs.query")) {
            assertEquals(Risk.READ, risks.get(read), read);
        }
        for (String system : List.of("service.start", "service.stop", "service.restart", "service.enable",
                "service.disable", "sys.set_hostname", "sys.timezone")) {
            assertEquals(Risk.SYSTEM, risks.get(system), system);
        }
    }

    @Test
    void followsTheCatalogConventions() {
        CatalogConventions.check(CATALOG);
    }

    @Test
    void noActionNamesAFile() {
        CATALOG.entries().forEach(entry -> assertTrue(entry.pathParams().isEmpty(), entry.name() + " names no files"));
    }

    @Test
    void paramNamesFollowTheContract() {
        for (String service : List.of("service.status", "service.start", "service.stop", "service.restart",
                "service.enable", "service.disable")) {
            JsonNode schema = CATALOG.find(service).schema();
            assertTrue(schema.path("properties").has("unit"), service);
            assertEquals("unit", schema.path("required").path(0).asText(), service + " requires unit");
        }
        JsonNode logs = CATALOG.find("logs.query").schema().path("properties");
        for (String param : List.of("unit", "priority", "since", "until", "grep", "limit", "boot", "kernel")) {
            assertTrue(logs.has(param), "logs.query." + param);
        }
    }


    @Test
    void defaultsAreFilled() throws Exception {
        assertEquals("{\"unit\":\"nginx\",\"user\":false}", Json.toString(bind("service.start", "{\"unit\":\"nginx\"}")
                .normalized()));
        assertEquals("{\"kernel\":false,\"limit\":100,\"user\":false}", Json.canonical(bind("logs.query", "{}")
                .normalized()));
        JsonNode list = bind("service.list", "{}").normalized();
        assertEquals("service", list.path("type").asText());
        assertEquals(200, list.path("limit").asInt());
        assertTrue(bind("sys.set_hostname", "{\"hostname\":\"web-01\"}").normalized().path("persistent").asBoolean());
        ServiceListAction.Params timers = (ServiceListAction.Params) bind("service.list", "{\"type\":\"timer\"}").value();
        assertEquals(ServiceListAction.Type.TIMER, timers.type());
    }

    @Test
    void hostileParamsStopAtTheSchema() {
        assertTrue(rejected("service.start", "{\"unit\":\"-H\"}").contains("/params/unit"));
        assertTrue(rejected("service.start", "{\"unit\":\"a b\"}").contains("/params/unit"));
        assertTrue(rejected("service.start", "{\"unit\":\"x\",\"force\":true}").contains("unknown field /params/force"));
        assertTrue(rejected("service.stop", "{\"unit\":\"x\",\"expect_state\":\"Active;\"}")
                .contains("/params/expect_state"));
        assertTrue(rejected("logs.query", "{\"priority\":\"bogus\"}").contains("/params/priority"));
        assertTrue(rejected("logs.query", "{\"since\":\"today; rm -rf /\"}").contains("/params/since"));
        assertTrue(rejected("logs.query", "{\"grep\":\"a\\nb\"}").contains("/params/grep"));
        assertTrue(rejected("logs.query", "{\"limit\":5000}").contains("/params/limit"));
        assertTrue(rejected("logs.query", "{\"limit\":0}").contains("/params/limit"));
        assertTrue(rejected("logs.query", "{\"boot\":5}").contains("/params/boot"), "boots count back from this one");
        assertTrue(rejected("logs.query", "{\"boot\":-1001}").contains("/params/boot"));
        assertTrue(rejected("logs.query", "{\"boot\":\"-1; reboot\"}").contains("/params/boot"));
        assertTrue(rejected("logs.query", "{\"kernel\":\"yes please\"}").contains("/params/kernel"));
        assertTrue(rejected("service.list", "{\"pattern\":\"-x\"}").contains("/params/pattern"));
        assertTrue(rejected("service.list", "{\"type\":\"bogus\"}").contains("/params/type"));
        assertTrue(rejected("sys.set_hostname", "{\"hostname\":\"-bad\"}").contains("/params/hostname"));
        assertTrue(rejected("sys.set_hostname", "{\"hostname\":\"a b\"}").contains("/params/hostname"));
        assertTrue(rejected("sys.set_hostname", "{\"hostname\":\"" + "a".repeat(65) + "\"}").contains("/params/hostname"));
        assertTrue(rejected("sys.timezone", "{\"timezone\":\"../../etc/shadow\"}").contains("/params/timezone"));
    }

    @Test
    void acceptedParamsThatPeopleWrite() throws Exception {
        bind("logs.query", "{\"unit\":\"cron\",\"priority\":\"error\",\"since\":\"1 hour ago\",\"until\":\"now\","
                + "\"grep\":\"out of memory|oom\",\"limit\":50}");
        bind("logs.query", "{\"priority\":\"warning..err\",\"since\":\"-30min\"}");
        bind("logs.query", "{\"since\":\"2024-05-01 10:00:00\",\"until\":\"@1700000000\"}");
        bind("logs.query", "{\"boot\":-1,\"priority\":\"err\"}");
        bind("logs.query", "{\"kernel\":true,\"boot\":-2,\"grep\":\"usb\"}");
        assertEquals(-1, ((LogsQueryAction.Params) bind("logs.query", "{\"boot\":-1}").value()).boot());
        bind("service.list", "{\"state\":\"failed\",\"pattern\":\"getty@tty?.service\"}");
        bind("service.enable", "{\"unit\":\"getty@.service\"}");
        bind("sys.set_hostname", "{\"hostname\":\"db1.example.com\",\"persistent\":false}");
        bind("sys.timezone", "{\"timezone\":\"America/Argentina/Buenos_Aires\"}");
        bind("sys.timezone", "{\"timezone\":\"Etc/GMT+5\"}");
    }
}
