package dev.llmos.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmos.catalog.ActionCatalog;
import dev.llmos.protocol.Plan;
import org.junit.jupiter.api.Test;

/** an llm's proposal is validated like any plan; one repair round with the precise error, then a refusal. */
class LlmPlannerTest {
    private static final ActionCatalog CATALOG = TestActions.withSystem();
    private static final PlanContext ALICE = Fixtures.alice(CATALOG);

    @Test
    void aValidProposalBecomesAPlanThatRecordsThePlannerNotWhatTheModelClaims() throws Exception {
        try (ScriptedLlm llm = new ScriptedLlm()) {
            llm.answer("{\"steps\":[{\"action\":\"fs.list\",\"params\":{\"path\":\"/tmp\"},\"why\":\"list it\"}]}");
            LlmPlanner planner = new LlmPlanner(llm.backend("local", false));
            Plan plan = planner.plan("show me what is in tmp", ALICE);
            assertEquals("llm:local:scripted-local", plan.planner());
            assertEquals("show me what is in tmp", plan.request());
            assertEquals("fs.list", plan.steps().getFirst().action());
            assertEquals("/tmp", plan.steps().getFirst().params().path("path").asText());
            var request = llm.received().getFirst();
            assertEquals(0.0, request.path("temperature").asDouble());
            assertEquals(LlmPlanner.SEED, request.path("seed").asLong());
            assertEquals("json_schema", request.at("/response_format/type").asText());
            String system = request.at("/messages/0/content").asText();
            assertTrue(system.contains("- fs.list(") && system.contains(", path: string): "), system);
            assertTrue(ScriptedLlm.lastUserMessage(request).startsWith("Request: \""));
        }
    }

    @Test
    void aHallucinatedFieldGetsOneRepairRoundNamingItsPointer() throws Exception {
        try (ScriptedLlm llm = new ScriptedLlm()) {
            llm.answer("{\"steps\":[{\"action\":\"fs.list\",\"params\":{\"path\":\"/tmp\",\"recursive\":true}}]}")
                    .answer("{\"steps\":[{\"action\":\"fs.list\",\"params\":{\"path\":\"/tmp\"}}]}");
            Plan plan = new LlmPlanner(llm.backend("local", false)).plan("list tmp recursively", ALICE);
            assertEquals("fs.list", plan.steps().getFirst().action());
            assertEquals(2, llm.received().size());
            String repair = ScriptedLlm.lastUserMessage(llm.received().get(1));
            assertTrue(repair.contains("/steps/0/params/recursive"), repair);
        }
    }

    @Test
    void aProposalStillInvalidAfterRepairIsRefusedWithMinus32005() throws Exception {
        try (ScriptedLlm llm = new ScriptedLlm()) {
            llm.answer("{\"steps\":[{\"action\":\"fs.shred\",\"params\":{\"path\":\"/\"}}]}")
                    .answer("not json at all");
            PlanningException e = assertThrows(PlanningException.class,
                    () -> new LlmPlanner(llm.backend("local", false)).plan("destroy everything", ALICE));
            assertEquals(PlanningException.Reason.INVALID_PLAN, e.reason());
            assertEquals(-32005, e.toRpcException().error().code());
            assertEquals(2, llm.received().size(), "exactly one repair round");
            assertTrue(ScriptedLlm.lastUserMessage(llm.received().get(1)).contains("unknown action: fs.shred"));
        }
    }

    @Test
    void anUnreachableBackendIsMinus32004AndMarkedUnreachable() throws Exception {
        ChatBackend backend;
        try (ScriptedLlm llm = new ScriptedLlm()) {
            backend = llm.backend("local", false);
        }
        PlanningException e = assertThrows(PlanningException.class, () -> new LlmPlanner(backend).plan("list /tmp", ALICE));
        assertEquals(PlanningException.Reason.BACKEND_UNAVAILABLE, e.reason());
        assertEquals(-32004, e.toRpcException().error().code());
        assertEquals(ChatBackend.State.UNREACHABLE, backend.observed().state());
    }
}
