package dev.llmos.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.protocol.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** plain words to plans and results through llmsh and a real daemon with the embedded router. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlannerTest {
    private static DaemonProcess daemon;

    @BeforeAll
    static void start() throws Exception {
        daemon = DaemonProcess.start();
    }

    @AfterAll
    static void stop() throws Exception {
        daemon.close();
    }

    private static String routerState() throws Exception {
        try (RpcClient client = daemon.connect()) {
            return client.call("system.status", null).at("/result/backends/0/state").asText();
        }
    }

    @Test
    @Order(1)
    void aSavedPlanReplaysWithoutThePlannerThenPlainWordsPlanAndRun(@TempDir Path dir) throws Exception {
        Path saved = dir.resolve("plan.json");
        Files.writeString(saved, "{\"version\":1,\"request\":\"list /etc\",\"planner\":\"router\",\"steps\":"
                + "[{\"action\":\"fs.list\",\"params\":{\"path\":\"/etc\",\"limit\":3},\"why\":\"saved earlier\"}]}");
        Run applied = daemon.llmsh(null, "--json", "apply", saved.toString());
        assertEquals(0, applied.exit(), applied.toString());
        assertEquals("ok", applied.json().at("/results/0/status").asText());
        assertEquals(3, applied.json().at("/results/0/output/entries").size());
        assertEquals("dormant", routerState(), "apply never loads a planner");

        Run asked = daemon.llmsh(null, "how much disk space is left");
        assertEquals(0, asked.exit(), asked.toString());
        assertTrue(asked.err().contains("1. sys.disk_usage"), asked.err());
        assertFalse(asked.err().contains("json:"), "the plan is shown in words; its json is what --json and plan -o give");
        assertTrue(asked.out().contains("filesystems:"), asked.out());
        assertEquals("loaded", routerState());
    }

    @Test
    void theSameRequestGivesByteIdenticalPlansAndASavedPlanRuns(@TempDir Path dir) throws Exception {
        Path first = dir.resolve("first.json");
        Path second = dir.resolve("second.json");
        assertEquals(0, daemon.llmsh(null, "plan", "show me the 3 biggest processes by memory", "-o", first.toString()).exit());
        assertEquals(0, daemon.llmsh(null, "plan", "show me the 3 biggest processes by memory", "-o", second.toString()).exit());
        assertEquals(Files.readString(first), Files.readString(second));
        JsonNode plan = Json.parse(Files.readAllBytes(first));
        assertEquals("proc.list", plan.at("/steps/0/action").asText());
        assertEquals("memory", plan.at("/steps/0/params/sort").asText());
        assertEquals(3, plan.at("/steps/0/params/limit").asInt());
        Run applied = daemon.llmsh(null, "--json", "apply", first.toString());
        assertEquals(0, applied.exit(), applied.toString());
        assertEquals(3, applied.json().at("/results/0/output/processes").size());
    }

    @Test
    void nonsenseIsRefusedWithTheClosestActionsAndExitSix() throws Exception {
        Run run = daemon.llmsh(null, "make me a sandwich with extra pickles");
        assertEquals(6, run.exit(), run.toString());
        assertTrue(run.err().contains("llmsh do "), run.err());
    }

    @Test
    void aTamperedPlanFileIsRefusedBeforeAnythingRuns(@TempDir Path dir) throws Exception {
        Path plan = dir.resolve("evil.json");
        Files.writeString(plan, "{\"version\":1,\"request\":\"x\",\"planner\":\"router\",\"steps\":"
                + "[{\"action\":\"fs.list\",\"params\":{\"path\":\"/\",\"recursive\":true},\"why\":\"\"}]}");
        Run run = daemon.llmsh(null, "--json", "apply", plan.toString());
        assertEquals(6, run.exit(), run.toString());
        assertTrue(run.json().toString().contains("/steps/0/params/recursive"), run.out());
    }

    @Test
    void aPlanWithADeniedStepRunsNothing(@TempDir Path dir) throws Exception {
        Path marker = dir.resolve("made-by-step-1");
        Path plan = dir.resolve("plan.json");
        Files.writeString(plan, "{\"version\":1,\"request\":\"x\",\"planner\":\"router\",\"steps\":["
                + "{\"action\":\"fs.mkdir\",\"params\":{\"path\":\"" + marker + "\"},\"why\":\"\"},"
                + "{\"action\":\"fs.delete\",\"params\":{\"path\":\"/etc/passwd\"},\"why\":\"\"}]}");
        Run run = daemon.llmsh(null, "--yes", "apply", plan.toString());
        assertEquals(3, run.exit(), run.toString());
        assertTrue(Files.notExists(marker), "no step runs when one is denied");
    }
}
