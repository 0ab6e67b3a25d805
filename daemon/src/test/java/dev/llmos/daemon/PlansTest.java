package dev.llmos.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.action.Caller;
import dev.llmos.audit.AuditLog;
import dev.llmos.catalog.ActionCatalog;
import dev.llmos.planner.PlannerConfig;
import dev.llmos.planner.PlannerService;
import dev.llmos.policy.PolicyStore;
import dev.llmos.posix.Posix;
import dev.llmos.protocol.ErrorCodes;
import dev.llmos.protocol.Json;
import dev.llmos.protocol.PlanResult;
import dev.llmos.protocol.RpcException;
import dev.llmos.protocol.StepStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** running plans: decided before anything runs, one confirmation for the whole plan, stopped by a cancel. */
class PlansTest {
    @TempDir
    Path dir;

    private final InstantSource clock = () -> Instant.parse("2026-12-06T10:00:00Z");
    private final ActionCatalog catalog = ActionCatalog.of(List.of(new PipelineActions.Peek(),
            new PipelineActions.Touch(), new PipelineActions.Wait()));
    private final Caller me = Callers.forUid(Posix.getuid(), Posix.getgid(), ProcessHandle.current().pid());
    private AuditLog audit;
    private CallerRunner runner;
    private PlannerService planner;
    private Plans plans;
    private Path files;

    private record Run(AtomicBoolean cancel) implements RunContext {
        @Override
        public void progress(String message, Double fraction) {
        }

        @Override
        public boolean cancelled() {
            return cancel.get();
        }
    }

    @BeforeEach
    void start() throws Exception {
        Path state = Files.createDirectories(dir.resolve("state"));
        files = Files.createDirectories(dir.resolve("files")).toRealPath();
        Path policy = dir.resolve("policy.toml");
        Files.writeString(policy, "");
        audit = AuditLog.open(state.resolve("audit"), clock);
        runner = new CallerRunner(Posix.getuid(), new ExecutorPool(List.of(), Duration.ofMinutes(1)));
        ConfirmTokens tokens = new ConfirmTokens(clock, Duration.ofMinutes(5), 64);
        ActionPipeline pipeline = new ActionPipeline(runner, PolicyStore.open(policy, dir.resolve("policy.d")), audit,
                tokens, new Quarantines(state), new UndoJournal(state, clock), new TxIds(clock), new Leases(state, clock));
        planner = PlannerService.start(PlannerConfig.of(Json.MAPPER.createObjectNode(), policy, Map.of()),
                state.resolve("planner"), Duration.ofMinutes(5));
        plans = new Plans(catalog, pipeline, tokens, planner);
    }

    @AfterEach
    void stop() throws Exception {
        planner.close();
        runner.close();
        audit.close();
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
                () -> plans.execute(me, plan, false, null, new Run(new AtomicBoolean())));
        assertEquals(ErrorCodes.CONFIRMATION_REQUIRED, asked.error().code());
        assertEquals(2, asked.error().data().at("/preview/steps").size());
        assertFalse(Files.exists(files.resolve("a")) || Files.exists(files.resolve("b")));

        PlanResult done = plans.execute(me, plan, false, asked.error().data().path("confirm").asText(),
                new Run(new AtomicBoolean()));
        assertEquals(StepStatus.OK, done.results().get(0).status(), done.toString());
        assertEquals(StepStatus.OK, done.results().get(1).status(), done.toString());
        assertTrue(Files.exists(files.resolve("a")) && Files.exists(files.resolve("b")));
    }

    @Test
    void aConfirmationGivenForOtherObjectsAsksAgain() throws Exception {
        Path sub = Files.createDirectories(files.resolve("sub"));
        ObjectNode plan = plan("test.touch", sub + "/x");
        String token = assertThrows(RpcException.class,
                () -> plans.execute(me, plan, false, null, new Run(new AtomicBoolean()))).error().data()
                .path("confirm").asText();
        Files.move(sub, files.resolve("sub.old"));
        Files.createDirectories(sub);
        RpcException again = assertThrows(RpcException.class,
                () -> plans.execute(me, plan, false, token, new Run(new AtomicBoolean())));
        assertEquals(ErrorCodes.CONFIRMATION_REQUIRED, again.error().code());
        assertTrue(again.getMessage().contains("have changed since"), again.getMessage());
        assertFalse(Files.exists(sub.resolve("x")));
    }

    @Test
    void onceTheClientCancelledNoFurtherStepRuns() throws Exception {
        AtomicBoolean cancel = new AtomicBoolean(true);
        JsonNode done = Json.toTree(plans.execute(me, plan("test.wait", files.toString(), "test.peek", files.toString()),
                false, null, new Run(cancel)));
        assertEquals("skipped", done.at("/results/0/status").asText(), done.toString());
        assertEquals("cancelled", done.at("/results/1/reason").asText(), done.toString());
        assertFalse(done.at("/results/1").has("txid"), "a skipped step has no txid on the wire: " + done);
    }
}
