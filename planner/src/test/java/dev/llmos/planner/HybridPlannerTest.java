package dev.llmos.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmos.catalog.ActionCatalog;
import dev.llmos.protocol.Json;
import dev.llmos.protocol.Plan;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** which planner makes a plan: the router, the local llm or the remote one, as confidence, complexity and privacy say. */
class HybridPlannerTest {
    private static final ActionCatalog CATALOG = ActionCatalog.discover();
    private static final PlanContext ALICE = Fixtures.alice(CATALOG);
    private static final String LIST_TMP = "{\"steps\":[{\"action\":\"fs.list\",\"params\":{\"path\":\"/tmp\"}}]}";
    private static IntentRouter router;

    @BeforeAll
    static void loadRouter() {
        router = IntentRouter.miniLm(IntentRouter.Settings.DEFAULTS);
    }

    @AfterAll
    static void closeRouter() {
        router.close();
    }

    @Test
    void aClearSimpleRequestStaysWithTheRouterAndNoLlmIsAsked() throws Exception {
        try (ScriptedLlm local = new ScriptedLlm(); ScriptedLlm remote = new ScriptedLlm()) {
            HybridPlanner planner = new HybridPlanner(router, List.of(local.backend("local", false),
                    remote.backend("remote", true)), Privacy.ALLOW_REMOTE);
            Plan plan = planner.plan("how much disk space is left", ALICE);
            assertEquals("router", plan.planner());
            assertTrue(local.received().isEmpty());
            assertTrue(remote.received().isEmpty());
        }
    }

    @Test
    void whatTheRouterRefusesGoesToTheLocalLlmFirst() throws Exception {
        try (ScriptedLlm local = new ScriptedLlm(); ScriptedLlm remote = new ScriptedLlm()) {
            local.answer(LIST_TMP);
            HybridPlanner planner = new HybridPlanner(router, List.of(local.backend("local", false),
                    remote.backend("remote", true)), Privacy.ALLOW_REMOTE);
            Plan plan = planner.plan("make me a sandwich with extra pickles", ALICE);
            assertEquals("llm:local:scripted-local", plan.planner());
            assertTrue(remote.received().isEmpty());
        }
    }

    @Test
    void aComplexRequestGoesToTheRemoteLlmFirstWhenPrivacyAllows() throws Exception {
        try (ScriptedLlm local = new ScriptedLlm(); ScriptedLlm remote = new ScriptedLlm()) {
            remote.answer(LIST_TMP);
            HybridPlanner planner = new HybridPlanner(router, List.of(local.backend("local", false),
                    remote.backend("remote", true)), Privacy.ALLOW_REMOTE);
            Plan plan = planner.plan("list /tmp and then tell me why the disk is full", ALICE);
            assertEquals("llm:remote:scripted-remote", plan.planner());
            assertTrue(local.received().isEmpty());
        }
    }

    @Test
    void localOnlyNeverSendsAnythingToTheRemoteLlm() throws Exception {
        try (ScriptedLlm remote = new ScriptedLlm()) {
            remote.answer(LIST_TMP);
            HybridPlanner planner = new HybridPlanner(router, List.of(remote.backend("remote", true)),
                    Privacy.LOCAL_ONLY);
            PlanningException e = assertThrows(PlanningException.class,
                    () -> planner.plan("make me a sandwich with pickles and then explain why", ALICE));
            assertFalse(e.getMessage().isBlank());
            assertTrue(remote.received().isEmpty(), "nothing left the machine");
        }
    }

    @Test
    void askBeforeRemoteWantsConsentAndThenSends() throws Exception {
        try (ScriptedLlm local = new ScriptedLlm(); ScriptedLlm remote = new ScriptedLlm()) {
            local.answer("{\"steps\":[{\"action\":\"fs.nope\",\"params\":{}}]}").answer("still not a plan");
            remote.answer(LIST_TMP);
            HybridPlanner planner = new HybridPlanner(router, List.of(local.backend("local", false),
                    remote.backend("remote", true)), Privacy.ASK_BEFORE_REMOTE);
            String text = "make me a sandwich with extra pickles";
            PlanningException e = assertThrows(PlanningException.class, () -> planner.plan(text, ALICE));
            assertEquals(PlanningException.Reason.REMOTE_CONSENT, e.reason());
            assertEquals(-32002, e.toRpcException().error().code());
            assertTrue(remote.received().isEmpty(), "nothing left the machine before consent");
            local.answer("{\"steps\":[{\"action\":\"fs.nope\",\"params\":{}}]}").answer("still not a plan");
            Plan plan = planner.plan(text, ALICE.withRemoteConsent());
            assertEquals("llm:remote:scripted-remote", plan.planner());
            assertEquals(1, remote.received().size());
        }
    }

    @Test
    void complexityIsAPureFunctionOfTheWords() {
        for (String complex : List.of("make a folder and then copy the report into it", "why did the backup fail",
                "first stop nginx then restart it", "analyze the logs of ssh", "list /tmp; delete old files")) {
            assertTrue(Complexity.isComplex(complex), complex);
        }
        for (String simple : List.of("how much disk space is left", "list my downloads", "restart nginx",
                "show the 5 biggest processes")) {
            assertFalse(Complexity.isComplex(simple), simple);
        }
    }

    @Test
    void theSameProposalGivesByteIdenticalPlans() throws Exception {
        try (ScriptedLlm local = new ScriptedLlm()) {
            local.answer(LIST_TMP).answer(LIST_TMP);
            LlmPlanner planner = new LlmPlanner(local.backend("local", false));
            String first = Json.canonical(Json.toTree(planner.plan("zorp the tmp", ALICE)));
            String second = Json.canonical(Json.toTree(planner.plan("zorp the tmp", ALICE)));
            assertEquals(first, second);
            assertEquals(Json.canonical(local.received().get(0)), Json.canonical(local.received().get(1)),
                    "the same request sends byte-identical prompts");
        }
    }
}
