package dev.llmos.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.catalog.ActionCatalog;
import dev.llmos.protocol.ErrorCodes;
import dev.llmos.protocol.Json;
import dev.llmos.protocol.Plan;
import dev.llmos.protocol.RpcException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlanValidatorTest {
    private static final ActionCatalog CATALOG = ActionCatalog.discover();

    private static JsonNode json(String text) throws RpcException {
        return Json.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    private static Plan plan(String... steps) throws RpcException {
        return PlanValidator.parse(json("{\"version\":1,\"request\":\"r\",\"planner\":\"llm:test\",\"steps\":["
                + String.join(",", steps) + "]}"));
    }

    private static List<String> pointers(Plan plan) {
        return PlanValidator.validate(plan, CATALOG).stream().map(PlanValidator.PlanError::pointer).toList();
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "{\"action\":\"fs.list\",\"params\":{\"path\":\"/tmp\",\"limit\":0}}|/steps/0/params/limit",
        "{\"action\":\"fs.list\",\"params\":{\"path\":\"/tmp\",\"limit\":\"ten\"}}|/steps/0/params/limit",
        "{\"action\":\"fs.list\",\"params\":{\"path\":\"/tmp\",\"force\":true}}|/steps/0/params/force",
        "{\"action\":\"fs.list\",\"params\":{}}|/steps/0/params/path",
        "{\"action\":\"proc.list\",\"params\":{\"sort\":\"disk\"}}|/steps/0/params/sort",
        "{\"action\":\"fs.nuke\",\"params\":{}}|/steps/0/action",
        "{\"action\":\"sys.info\",\"params\":[]}|/steps/0/params",
    })
    void namesThePointerOfTheFault(String step, String pointer) throws RpcException {
        assertEquals(List.of(pointer), pointers(plan(step)));
    }

    @Test
    void reportsEveryStep() throws RpcException {
        Plan plan = plan("{\"action\":\"sys.info\",\"params\":{}}",
                "{\"action\":\"fs.stat\",\"params\":{\"path\":1}}",
                "{\"action\":\"net.listening\",\"params\":{\"protocol\":\"sctp\"}}");
        assertEquals(List.of("/steps/1/params/path", "/steps/2/params/protocol"), pointers(plan));
    }

    @Test
    void checksThePlanItself() {
        Plan noSteps = new Plan(Plan.VERSION, "r", "router", List.of());
        assertEquals(List.of("/steps"), pointers(noSteps));
        Plan future = new Plan(2, "r", " ", List.of(new Plan.Step("sys.info", Json.MAPPER.createObjectNode(), null)));
        assertEquals(List.of("/version", "/planner"), pointers(future));
        Plan chatty = new Plan(Plan.VERSION, "r", "router",
                List.of(new Plan.Step("sys.info", Json.MAPPER.createObjectNode(), "x".repeat(PlanSchema.MAX_WHY + 1))));
        assertEquals(List.of("/steps/0/why"), pointers(chatty));
    }

    @Test
    void checkFillsDefaultsAndRefusesWithPlanInvalid() throws RpcException {
        Plan checked = PlanValidator.check(plan("{\"action\":\"proc.list\",\"params\":{\"limit\":3}}"), CATALOG);
        assertEquals("{\"limit\":3,\"sort\":\"cpu\"}", Json.toString(checked.steps().getFirst().params()));
        RpcException e = assertThrows(RpcException.class,
                () -> PlanValidator.check(plan("{\"action\":\"proc.list\",\"params\":{\"limit\":-1}}"), CATALOG));
        assertEquals(ErrorCodes.PLAN_INVALID, e.error().code());
        assertEquals("/steps/0/params/limit", e.error().data().path("pointer").asText());
    }

    @Test
    void parseNamesUnknownAndMistypedFields() throws RpcException {
        RpcException unknown = assertThrows(RpcException.class, () -> PlanValidator.parse(json(
                "{\"version\":1,\"request\":\"r\",\"planner\":\"p\",\"steps\":[{\"action\":\"sys.info\",\"params\":{},\"run\":true}]}")));
        assertEquals("/steps/0/run", unknown.error().data().path("pointer").asText());
        RpcException mistyped = assertThrows(RpcException.class, () -> PlanValidator.parse(json(
                "{\"version\":\"1\",\"request\":\"r\",\"planner\":\"p\",\"steps\":[]}")));
        assertEquals("/version", mistyped.error().data().path("pointer").asText());
        RpcException missing = assertThrows(RpcException.class, () -> PlanValidator.parse(json(
                "{\"version\":1,\"planner\":\"p\",\"steps\":[]}")));
        assertEquals(ErrorCodes.PLAN_INVALID, missing.error().code());
    }
}
