package dev.llmos.actions.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.action.Confinement;
import dev.llmos.action.PathParam;
import dev.llmos.action.Risk;
import dev.llmos.action.Sensitive;
import dev.llmos.action.testkit.CatalogConventions;
import dev.llmos.action.testkit.Harness;
import dev.llmos.catalog.CatalogEntry;
import dev.llmos.protocol.Json;
import dev.llmos.protocol.RpcException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CatalogTest {
    @Test
    void bothActionsOfTheFamilyAreDiscovered() {
        assertEquals(List.of("proc.run", "proc.signal"),
                Harness.catalog().entries().stream().map(CatalogEntry::name).toList());
    }

    @Test
    void followsTheCatalogConventions() {
        CatalogConventions.check(Harness.catalog());
    }

    @Test
    void argvIsBoundedPerElementAndTheIssuesRequestsAreExamples() {
        JsonNode argv = Harness.catalog().find("proc.run").schema().path("properties").path("argv");
        assertEquals(256, argv.path("maxItems").asInt());
        assertEquals(1, argv.path("minItems").asInt());
        assertEquals(ProcRunAction.MAX_ARG, argv.path("items").path("maxLength").asInt());
        assertTrue(Harness.catalog().find("proc.run").action().examples().contains("run ls -la in /tmp"));
        assertTrue(Harness.catalog().find("proc.signal").action().examples().contains("send hup to 4321"));
    }


    @Test
    void risksConfinementAndPathRolesAreDeclaredForPolicy() throws Exception {
        CatalogEntry run = Harness.catalog().find("proc.run");
        assertEquals(Risk.WRITE, run.action().risk());
        assertEquals(Confinement.LAUNCHER, run.action().confinement());
        assertEquals(List.of("argv", "cwd"), run.pathParams());
        var components = ProcRunAction.Params.class.getRecordComponents();
        assertEquals(PathParam.Role.PROGRAM, components[0].getAnnotation(PathParam.class).value());
        assertEquals(PathParam.Role.SOURCE, components[1].getAnnotation(PathParam.class).value());
        assertTrue(components[3].isAnnotationPresent(Sensitive.class), "stdin is not kept in the audit log");
        CatalogEntry signal = Harness.catalog().find("proc.signal");
        assertEquals(Risk.DESTRUCTIVE, signal.action().risk());
        assertEquals(Confinement.CALLER, signal.action().confinement());
        assertEquals(List.of(), signal.pathParams());
    }

    @Test
    void defaultsAreFilledIn() throws Exception {
        assertEquals(Json.parse("{\"argv\":[\"ls\"],\"timeout_s\":30,\"max_output_bytes\":65536}"
                .getBytes(StandardCharsets.UTF_8)), Harness.bind("proc.run", Harness.params("argv", List.of("ls")))
                        .normalized());
        assertEquals(Json.parse("{\"pid\":42,\"signal\":\"term\"}".getBytes(StandardCharsets.UTF_8)),
                Harness.bind("proc.signal", Harness.params("pid", 42)).normalized());
    }

    @Test
    void boundsAreEnforcedByTheSchema() {
        for (var params : List.of(
                Harness.params("argv", List.of("ls"), "timeout_s", 0),
                Harness.params("argv", List.of("ls"), "timeout_s", 3601),
                Harness.params("argv", List.of("ls"), "max_output_bytes", ProcRunAction.MAX_OUTPUT + 1),
                Harness.params("argv", List.of("ls"), "memory_max_mb", 1),
                Harness.params("argv", List.of("ls"), "tasks_max", 0),
                Harness.params("argv", java.util.Collections.nCopies(257, "x")),
                Harness.params("argv", List.of("x".repeat(ProcRunAction.MAX_ARG + 1))),
                Harness.params("argv", List.of("ls"), "shell", true),
                Harness.params("argv", "ls -la"))) {
            assertThrows(RpcException.class, () -> Harness.bind("proc.run", params), params.toString());
        }
    }

    @Test
    void theLimitsOnlyGoDown() {
        Limits limits = new Limits(512, 100, 256);
        assertEquals(new Limits(64, 100, 20), limits.lowered(64, 20));
        assertEquals(limits, limits.lowered(4096, 100000));
        assertEquals(limits, limits.lowered(null, null));
        assertThrows(IllegalArgumentException.class, () -> new Limits(0, 100, 1));
    }
}
