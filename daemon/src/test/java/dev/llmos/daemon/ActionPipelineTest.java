package dev.llmos.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmos.action.Caller;
import dev.llmos.audit.AuditRecord;
import dev.llmos.catalog.ActionCatalog;
import dev.llmos.catalog.CatalogEntry;
import dev.llmos.protocol.ActionResult;
import dev.llmos.protocol.ErrorCodes;
import dev.llmos.protocol.Json;
import dev.llmos.protocol.RpcException;
import dev.llmos.protocol.StepStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * the one pipeline every action goes through, with its real parts: a policy file, the hash-chained
 * audit log on disk, confirmation tokens on a clock the test moves, this process as the caller
 * (actions run in it), and a small test family acting on real files.
 */
class ActionPipelineTest {
    @TempDir
    Path dir;

    private final ActionCatalog catalog = ActionCatalog.of(List.of(new PipelineActions.Peek(),
            new PipelineActions.Touch(), new PipelineActions.Wait(), new PipelineActions.Broken(), new PipelineActions.Snap()));
    private PipelineParts parts;
    private ActionPipeline pipeline;
    private Path files;
    private Caller me;

    @BeforeEach
    void start() throws Exception {
        parts = new PipelineParts(dir);
        pipeline = parts.pipeline;
        files = parts.files;
        me = parts.me;
    }

    @AfterEach
    void stop() throws Exception {
        parts.close();
    }

    private CatalogEntry.Bound bound(String action, Path path) throws RpcException {
        return catalog.require(action, "/action").bind(
                Json.parse(("{\"path\":\"" + path + "\"}").getBytes(StandardCharsets.UTF_8)), "/params");
    }

    private ActionResult run(String action, Path path, String token) throws RpcException {
        return pipeline.run(me, bound(action, path), false, new ActionPipeline.Confirmation.Token(token), new TestRun());
    }

    private AuditRecord lastRecord() throws Exception {
        return parts.lastRecord();
    }

    @Test
    void aReadIsAllowedRunAndAudited() throws Exception {
        ActionResult result = run("test.peek", files, null);
        assertEquals(StepStatus.OK, result.status());
        assertEquals(files.toString(), Json.toTree(result.output()).path("path").asText());
        assertEquals("allow", lastRecord().entry().decision());
        assertEquals("ok", lastRecord().entry().outcome());
    }

    @Test
    void anAllowedReadIsWrittenBeforeTheReplyAndSyncedWithTheNextDurableRecord() throws Exception {
        run("test.peek", files, null);
        long read = lastRecord().seq();
        assertTrue(parts.syncedSeq() < read, "a read as the caller is not waited for on disk");
        assertThrows(RpcException.class, () -> run("test.touch", files.resolve("denied/x"), null));
        long denied = lastRecord().seq();
        assertEquals("deny", lastRecord().entry().decision());
        assertEquals(denied, parts.syncedSeq(), "a denial is durable before the reply, and with it the read before it");
        assertThrows(RpcException.class, () -> run("test.touch", files.resolve("new"), null));
        assertEquals("ask", lastRecord().entry().decision());
        assertEquals(lastRecord().seq(), parts.syncedSeq(), "a question is durable before the reply");
        run("test.peek", files, null);
        assertTrue(parts.syncedSeq() < lastRecord().seq());
        run("test.peek", files.resolve("elevated"), null);
        assertEquals("peek-elevated", lastRecord().entry().rule());
        assertEquals(lastRecord().seq(), parts.syncedSeq(), "a read a rule elevates is durable before the reply");
        run("test.peek", files, null);
        assertTrue(parts.syncedSeq() < lastRecord().seq());
        run("test.snap", files.resolve("snap.png"), null);
        assertTrue(Files.exists(files.resolve("snap.png")));
        assertEquals(lastRecord().seq(), parts.syncedSeq(), "a read that writes a file is durable before the reply");
    }

    @Test
    void aReadThatWritesAFileIsAChangeForASealedLogAndForTheRecord() throws Exception {
        run("test.snap", files.resolve("snap.png"), null);
        assertEquals(files.resolve("snap.png").toString(), lastRecord().entry().changes().path("path").asText(),
                "the record of a read that wrote a file names the file among its changes");
        run("test.peek", files, null);
        assertTrue(lastRecord().entry().changes() == null, "a plain read changed nothing");
        parts.close();
        // the head file names a record the log no longer has: the log opens sealed
        Path segment;
        try (var segments = Files.list(dir.resolve("state/audit"))) {
            segment = segments.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList().getLast();
        }
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(segment));
        lines.removeLast();
        Files.write(segment, lines);
        parts = new PipelineParts(dir);
        pipeline = parts.pipeline;
        assertTrue(parts.audit.sealed().isPresent());

        RpcException refused = assertThrows(RpcException.class, () -> run("test.snap", files.resolve("later.png"), null));
        assertTrue(refused.getMessage().contains("the audit log is sealed"), refused.getMessage());
        assertFalse(Files.exists(files.resolve("later.png")), "a sealed log lets no file be written");
        assertEquals(StepStatus.OK, run("test.peek", files, null).status(), "plain reads are still served");
    }

    @Test
    void aWriteAsksThenRunsWithItsTokenExactlyOnce() throws Exception {
        Path file = files.resolve("new");
        RpcException asked = assertThrows(RpcException.class, () -> run("test.touch", file, null));
        assertEquals(ErrorCodes.CONFIRMATION_REQUIRED, asked.error().code());
        assertFalse(Files.exists(file), "nothing changes before confirmation");
        assertEquals("confirmation_required", lastRecord().entry().outcome());
        String token = asked.error().data().path("confirm").asText();
        assertEquals(file.toString(), asked.error().data().at("/preview/preview/path").asText());

        assertEquals(StepStatus.OK, run("test.touch", file, token).status());
        assertTrue(Files.exists(file));
        assertEquals("ok", lastRecord().entry().outcome());

        Files.delete(file);
        RpcException reused = assertThrows(RpcException.class, () -> run("test.touch", file, token));
        assertEquals(ErrorCodes.CONFIRMATION_REQUIRED, reused.error().code());
        assertTrue(reused.getMessage().contains("unknown or already used"), reused.getMessage());
        assertFalse(Files.exists(file));
        assertEquals("confirmation_refused", lastRecord().entry().outcome());
    }

    @Test
    void anExpiredTokenAsksAgain() throws Exception {
        Path file = files.resolve("late");
        String token = assertThrows(RpcException.class, () -> run("test.touch", file, null)).error().data()
                .path("confirm").asText();
        parts.later(Duration.ofMinutes(6));
        RpcException refused = assertThrows(RpcException.class, () -> run("test.touch", file, token));
        assertTrue(refused.getMessage().contains("expired"), refused.getMessage());
        assertFalse(Files.exists(file));
    }

    @Test
    void aTokenDoesNotCoverAnotherObjectAtTheSameName() throws Exception {
        Path sub = Files.createDirectories(files.resolve("sub"));
        Path file = sub.resolve("x");
        String token = assertThrows(RpcException.class, () -> run("test.touch", file, null)).error().data()
                .path("confirm").asText();
        // the directory the preview showed is replaced by another one of the same name
        Files.move(sub, files.resolve("sub.old"));
        Files.createDirectories(sub);
        RpcException refused = assertThrows(RpcException.class, () -> run("test.touch", file, token));
        assertEquals(ErrorCodes.CONFIRMATION_REQUIRED, refused.error().code());
        assertTrue(refused.getMessage().contains("have changed since"), refused.getMessage());
        assertFalse(Files.exists(file));
    }

    @Test
    void aDenialChangesNothingAndIsAudited() throws Exception {
        Path file = files.resolve("denied/x");
        RpcException denied = assertThrows(RpcException.class, () -> run("test.touch", file, null));
        assertEquals(ErrorCodes.DENIED, denied.error().code());
        assertEquals("no-touch-here", denied.error().data().path("rule").asText());
        assertFalse(Files.exists(file));
        assertEquals("deny", lastRecord().entry().decision());
        assertEquals("denied", lastRecord().entry().outcome());
    }

    @Test
    void aPathTheResolverRefusesIsADenialToo() throws Exception {
        Path link = Files.createSymbolicLink(files.resolve("magic"), Path.of("/proc/self/root"));
        RpcException denied = assertThrows(RpcException.class, () -> run("test.peek", link.resolve("etc"), null));
        assertEquals(ErrorCodes.DENIED, denied.error().code());
        assertEquals(ActionPipeline.RESOLVER_RULE, denied.error().data().path("rule").asText());
        assertEquals(ActionPipeline.RESOLVER_RULE, lastRecord().entry().rule());
    }

    @Test
    void aPeerInASandboxIsNeverAskedItIsDenied() throws Exception {
        Path file = files.resolve("sandboxed");
        RpcException denied = assertThrows(RpcException.class, () -> pipeline.run(me, bound("test.touch", file), false,
                ActionPipeline.Confirmation.NONE, TestRun.sandboxed()));
        assertEquals(ErrorCodes.DENIED, denied.error().code());
        assertTrue(denied.getMessage().contains("cannot confirm"), denied.getMessage());
        assertFalse(denied.error().data().has("confirm"), "no token goes to a sandboxed peer");
        assertEquals(Confirmations.SANDBOX_RULE, denied.error().data().path("rule").asText());
        assertFalse(Files.exists(file));
        assertEquals("denied: from a sandbox", lastRecord().entry().outcome());
    }

    @Test
    void aCancelledRunIsRecordedAsCancelled() throws Exception {
        ActionResult result = pipeline.run(me, bound("test.wait", files), false, ActionPipeline.Confirmation.NONE,
                TestRun.cancelledByClient());
        assertEquals(StepStatus.OK, result.status());
        assertEquals("cancelled", lastRecord().entry().outcome());
    }

    @Test
    void aBugInAnActionIsAFailureWithItsTxidAndAuditRecord() throws Exception {
        RpcException failed = assertThrows(RpcException.class, () -> run("test.broken", files, null));
        assertEquals(ErrorCodes.ACTION_FAILED, failed.error().code());
        String txid = failed.error().data().path("txid").asText();
        assertEquals(txid, lastRecord().entry().txid());
        assertTrue(lastRecord().entry().outcome().startsWith("failed: "), lastRecord().entry().outcome());
    }

    @Test
    void aConfirmedChangeWhoseClientCancelledIsRecordedAsCancelled() throws Exception {
        Path file = files.resolve("cancelled");
        String token = assertThrows(RpcException.class, () -> run("test.touch", file, null)).error().data()
                .path("confirm").asText();
        ActionResult result = pipeline.run(me, bound("test.touch", file), false,
                new ActionPipeline.Confirmation.Token(token), TestRun.cancelledByClient());
        assertEquals(StepStatus.OK, result.status(), "it returns what it had");
        assertEquals("cancelled", lastRecord().entry().outcome());
        assertEquals("ask", lastRecord().entry().decision());
    }

    @Test
    void aTokenIssuedForAnotherRequestStaysPendingForIt() throws Exception {
        Path first = files.resolve("first");
        String token = assertThrows(RpcException.class, () -> run("test.touch", first, null)).error().data()
                .path("confirm").asText();
        RpcException other = assertThrows(RpcException.class, () -> run("test.touch", files.resolve("second"), token));
        assertTrue(other.getMessage().contains("issued for a different request"), other.getMessage());
        assertEquals(StepStatus.OK, run("test.touch", first, token).status());
        assertTrue(Files.exists(first));
    }

    @Test
    void whenTheAuditLogCannotWriteADenialStaysADenialAndACompletedRunReportsWhatItDid() throws Exception {
        parts.audit.close();
        RpcException denied = assertThrows(RpcException.class, () -> run("test.touch", files.resolve("denied/y"), null));
        assertEquals(ErrorCodes.DENIED, denied.error().code(), "the client still learns it was denied");

        ActionResult read = run("test.peek", files, null);
        assertEquals(StepStatus.OK, read.status(), "a completed run is not turned into -32603");
        assertTrue(read.txid().startsWith("tx-"), read.txid());

        RpcException failed = assertThrows(RpcException.class, () -> run("test.broken", files, null));
        assertEquals(ErrorCodes.ACTION_FAILED, failed.error().code(), "a failure stays the failure");

        Path file = files.resolve("unrecorded");
        RpcException asked = assertThrows(RpcException.class, () -> run("test.touch", file, null));
        assertEquals(ErrorCodes.CONFIRMATION_REQUIRED, asked.error().code(), "an ask stays an ask");
        assertFalse(Files.exists(file));
    }
}
