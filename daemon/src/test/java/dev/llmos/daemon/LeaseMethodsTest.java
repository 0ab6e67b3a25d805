package dev.llmos.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.catalog.ActionCatalog;
import dev.llmos.protocol.ErrorCodes;
import dev.llmos.protocol.MethodParams;
import dev.llmos.protocol.MethodResults;
import dev.llmos.protocol.RpcException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lease.grant} through the confirmation service: asked first, granted once, never from a sandbox. */
class LeaseMethodsTest {
    @TempDir
    Path dir;

    private PipelineParts parts;
    private Leases leases;
    private LeaseMethods methods;

    @BeforeEach
    void start() throws Exception {
        parts = new PipelineParts(dir);
        leases = new Leases(parts.state, parts.clock);
        methods = new LeaseMethods(ActionCatalog.of(List.of(new PipelineActions.Peek(), new PipelineActions.Nudge())),
                leases, parts.confirmations, parts.audit, new TxIds(parts.clock));
    }

    @AfterEach
    void stop() throws Exception {
        parts.close();
    }

    private JsonNode grant(String token, RunContext run) throws RpcException {
        return methods.grant(new MethodParams.LeaseGrant("input", 60, token), parts.me, run);
    }

    @Test
    void aLeaseIsAskedForThenGrantedOnceWithItsToken() throws Exception {
        RpcException asked = assertThrows(RpcException.class, () -> grant(null, new TestRun()));
        assertEquals(ErrorCodes.CONFIRMATION_REQUIRED, asked.error().code());
        assertEquals("confirmation required: a input lease for 60 s", asked.getMessage());
        assertEquals("[\"test.nudge\"]", asked.error().data().at("/preview/actions").toString());
        assertEquals(LeaseMethods.GRANT_RULE, asked.error().data().path("rule").asText());
        assertEquals("confirmation_required", parts.lastRecord().entry().outcome());
        assertEquals(List.of(), leases.of(parts.me.uid()), "nothing is granted before the person confirms");

        String token = asked.error().data().path("confirm").asText();
        assertEquals("input", grant(token, new TestRun()).path("kind").asText());
        assertEquals("ok", parts.lastRecord().entry().outcome());
        MethodResults.LeaseList list = methods.list(parts.me);
        assertEquals(1, list.leases().size(), list.toString());

        RpcException reused = assertThrows(RpcException.class, () -> grant(token, new TestRun()));
        assertTrue(reused.getMessage().endsWith("(the confirmation token is unknown or already used)"),
                reused.getMessage());
        assertEquals("confirmation_refused", parts.lastRecord().entry().outcome());
    }

    @Test
    void aSandboxedProgramCannotGrantALease() throws Exception {
        String token = assertThrows(RpcException.class, () -> grant(null, new TestRun())).error().data()
                .path("confirm").asText();
        RpcException denied = assertThrows(RpcException.class, () -> grant(token, TestRun.sandboxed()));
        assertEquals(ErrorCodes.DENIED, denied.error().code());
        assertEquals(Confirmations.SANDBOX_RULE, denied.error().data().path("rule").asText());
        assertEquals("denied: from a sandbox", parts.lastRecord().entry().outcome());
        assertEquals(List.of(), leases.of(parts.me.uid()));
    }

    @Test
    void aGrantedLeaseWhoseRecordCannotBeWrittenIsStillReported() throws Exception {
        String token = assertThrows(RpcException.class, () -> grant(null, new TestRun())).error().data()
                .path("confirm").asText();
        parts.audit.close();
        assertEquals("input", grant(token, new TestRun()).path("kind").asText(), "not turned into -32603");
        assertEquals(1, leases.of(parts.me.uid()).size());
    }

    @Test
    void aKindNoActionDeclaresIsInvalid() {
        RpcException invalid = assertThrows(RpcException.class,
                () -> methods.grant(new MethodParams.LeaseGrant("screen", 60, null), parts.me, new TestRun()));
        assertEquals(ErrorCodes.INVALID_PARAMS, invalid.error().code());
        assertEquals("/params/kind", invalid.error().data().path("pointer").asText());
    }
}
