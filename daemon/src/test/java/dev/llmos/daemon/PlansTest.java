package dev.llmos.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.action.Caller;
import dev.llmos.catalog.ActionCatalog;
import dev.llmos.planner.PlannerConfig;
import dev.llmos.planner.PlannerService;
import dev.llmos.protocol.ErrorCodes;
import dev.llmos.protocol.Json;
import dev.llmos.protocol.PlanResult;
import dev.llmos.protocol.RpcException;
import dev.llmos.protocol.StepStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** running plans: decided before anything runs, one confirmation for the whole plan, stopped by a cancel. */
class PlansTest {
    @TempDir
    Path dir;

    private final ActionCatalog catalog = ActionCatalog.of(List.of(new PipelineActions.Peek(),
            new PipelineActions.Touch(), new PipelineActions.Wait()));
    private PipelineParts parts;
    private PlannerService planner;
    private Plans plans;
    private Path files;
    private Caller me;

    @BeforeEach
    void start() throws Exception {
        parts = new PipelineParts(dir);
        files = parts.files;
        me = parts.me;
        planner = PlannerService.start(PlannerConfig.of(Json.MAPPER.createObjectNode(), parts.policyFile, Map.of()),
                parts.state.resolve("planner"), Duration.ofMinutes(5));
        plans = new Plans(catalog, parts.pipeline, parts.confirmations, planner);
    }

    @AfterEach
    void stop() throws Exception {
        planner.close();
        parts.close();
    }

    private ObjectNode plan(String... actionsAndPaths) {
        ObjectNode plan = Json.MAPPER.createObjectNode().put("version", 1).put("request", "test").put("planner", "rules");
        var steps = plan.putArray("steps");
        for (int i = 0; i < actionsAndPaths.length; i += 2) {
            ObjectNode step = steps.addObject().put("action", actionsAndPaths[i]).put("why", "the test says so");
            step.putObject("params").put("path", actionsAndPaths[i + 1]);
        }
        return plan;
    }

    @Test
    void oneConfirmationCoversTheWholePlanAndNothingRunsBeforeIt() throws Exception {
        ObjectNode plan = plan("test.touch", files + "/a", "test.touch", files + "/b");
        RpcException asked = assertThrows(RpcException.class,
                () -> plans.execute(me, plan, false, null, new TestRun()));
        assertEquals(ErrorCodes.CONFIRMATION_REQUIRED, asked.error().code());
        assertEquals(2, asked.error().data().at("/preview/steps").size());
        assertFalse(Files.exists(files.resolve("a")) || Files.exists(files.resolve("b")));

        PlanResult done = plans.execute(me, plan, false, asked.error().data().path("confirm").asText(),
                new TestRun());
        assertEquals(StepStatus.OK, done.results().get(0).status(), done.toString());
        assertEquals(StepStatus.OK, done.results().get(1).status(), done.toString());
        assertTrue(Files.exists(files.resolve("a")) && Files.exists(files.resolve("b")));
    }

    @Test
    void aConfirmationGivenForOtherObjectsAsksAgain() throws Exception {
        Path sub = Files.createDirectories(files.resolve("sub"));
        ObjectNode plan = plan("test.touch", sub + "/x");
        String token = assertThrows(RpcException.class,
                () -> plans.execute(me, plan, false, null, new TestRun())).error().data()
                .path("confirm").asText();
        Files.move(sub, files.resolve("sub.old"));
        Files.createDirectories(sub);
        RpcException again = assertThrows(RpcException.class,
                () -> plans.execute(me, plan, false, token, new TestRun()));
        assertEquals(ErrorCodes.CONFIRMATION_REQUIRED, again.error().code());
        assertTrue(again.getMessage().contains("have changed since"), again.getMessage());
        assertFalse(Files.exists(sub.resolve("x")));
    }

    @Test
    void onceTheClientCancelledNoFurtherStepRuns() throws Exception {
        JsonNode done = Json.toTree(plans.execute(me, plan("test.wait", files.toString(), "test.peek", files.toString()),
                false, null, TestRun.cancelledByClient()));
        assertEquals("skipped", done.at("/results/0/status").asText(), done.toString());
        assertEquals("cancelled", done.at("/results/1/reason").asText(), done.toString());
        assertFalse(done.at("/results/1").has("txid"), "a skipped step has no txid on the wire: " + done);
    }

    private String askedToken(ObjectNode plan) {
        return assertThrows(RpcException.class, () -> plans.execute(me, plan, false, null, new TestRun())).error()
                .data().path("confirm").asText();
    }

    private RpcException refused(ObjectNode plan, String token) {
        return assertThrows(RpcException.class, () -> plans.execute(me, plan, false, token, new TestRun()));
    }

    @Test
    void aPlanPolicyAllowsRunsWithoutAsking() throws Exception {
        PlanResult done = plans.execute(me, plan("test.peek", files.toString()), false, null, new TestRun());
        assertEquals(StepStatus.OK, done.results().getFirst().status(), done.toString());
        assertEquals("allow", parts.lastRecord().entry().decision());
    }

    @Test
    void oneDeniedStepStopsThePlanBeforeAnythingRuns() throws Exception {
        ObjectNode plan = plan("test.touch", files + "/a", "test.touch", files + "/denied/b");
        RpcException denied = refused(plan, null);
        assertEquals(ErrorCodes.DENIED, denied.error().code());
        assertEquals(1, denied.error().data().path("step").asInt(), denied.error().data().toString());
        assertFalse(denied.error().data().has("confirm"), "a denied plan gets no token");
        assertFalse(Files.exists(files.resolve("a")));
    }

    @Test
    void aPlanTokenIsSpentOnceAndExpires() throws Exception {
        ObjectNode plan = plan("test.touch", files + "/a");
        String token = askedToken(plan);
        assertEquals(StepStatus.OK, plans.execute(me, plan, false, token, new TestRun()).results().getFirst().status());
        RpcException reused = refused(plan, token);
        assertEquals(ErrorCodes.CONFIRMATION_REQUIRED, reused.error().code());
        assertTrue(reused.getMessage().contains("unknown or already used"), reused.getMessage());

        ObjectNode later = plan("test.touch", files + "/late");
        String expiring = askedToken(later);
        parts.later(Duration.ofMinutes(6));
        RpcException expired = refused(later, expiring);
        assertTrue(expired.getMessage().contains("expired"), expired.getMessage());
        assertFalse(Files.exists(files.resolve("late")));
    }

    @Test
    void aSandboxedPeerCannotConfirmAPlanNorSpendItsToken() throws Exception {
        ObjectNode plan = plan("test.touch", files + "/a");
        String token = askedToken(plan);
        RpcException denied = assertThrows(RpcException.class,
                () -> plans.execute(me, plan, false, token, TestRun.sandboxed()));
        assertEquals(ErrorCodes.DENIED, denied.error().code());
        assertEquals(Confirmations.SANDBOX_RULE, denied.error().data().path("rule").asText());
        assertFalse(Files.exists(files.resolve("a")));
        assertEquals(StepStatus.OK, plans.execute(me, plan, false, token, new TestRun()).results().getFirst().status(),
                "the person's token is still theirs");
    }

    @Test
    void aConfirmedPlanWhoseClientCancelledRunsNothing() throws Exception {
        ObjectNode plan = plan("test.touch", files + "/a", "test.touch", files + "/b");
        PlanResult done = plans.execute(me, plan, false, askedToken(plan), TestRun.cancelledByClient());
        assertEquals(StepStatus.SKIPPED, done.results().get(0).status(), done.toString());
        assertEquals(PlanResult.CANCELLED, done.results().get(1).reason(), done.toString());
        assertFalse(Files.exists(files.resolve("a")) || Files.exists(files.resolve("b")));
    }

    @Test
    void whenTheAuditLogCannotWriteAPlanStillAsksAndItsStepsReportWhatTheyDid() throws Exception {
        parts.audit.close();
        ObjectNode plan = plan("test.touch", files + "/a");
        String token = askedToken(plan);
        PlanResult done = plans.execute(me, plan, false, token, new TestRun());
        assertEquals(StepStatus.OK, done.results().getFirst().status(), done.toString());
        assertTrue(Files.exists(files.resolve("a")));
        assertEquals(ErrorCodes.DENIED, refused(plan("test.touch", files + "/denied/x"), null).error().code());
    }
}
