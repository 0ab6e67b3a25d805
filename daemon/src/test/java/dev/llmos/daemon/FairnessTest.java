package dev.llmos.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmos.protocol.ErrorCodes;
import dev.llmos.protocol.Methods;
import dev.llmos.protocol.RpcException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FairnessTest {
    private static final Path CONFIG = Path.of("/etc/llm-os/planner.toml");
    private final Instant[] now = {Instant.parse("2026-12-01T10:00:00Z")};

    /**
     * 10 connections, 3 per user, 4 kept for root and system users, 2 runs per user, audit budgets of
     * 256 kib (everything) and 64 kib (changed nothing) per hour.
     */
    private Fairness fairness() {
        return new Fairness(new Limits(10, 3, 4, 999, 16, 2, 64, Duration.ofSeconds(300), 4096, 262144, 65536,
                Duration.ofHours(1), CONFIG), () -> now[0]);
    }

    private static void assertLimit(String key, long value, RpcException e) {
        assertEquals(ErrorCodes.BUSY, e.error().code());
        assertEquals(key, e.error().data().get("limit").asText());
        assertEquals(value, e.error().data().get("value").asLong());
        assertEquals(CONFIG.toString(), e.error().data().get("config").asText());
        assertTrue(e.getMessage().endsWith("(limit " + key + " = " + value + ", set in [limits] of " + CONFIG
                + ")"), e.getMessage());
    }

    @Test
    void oneUserCannotHoldMoreThanItsShareOfConnections() throws Exception {
        Fairness fairness = fairness();
        List<Permit> alice = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            alice.add(fairness.connect(1001));
        }
        RpcException refused = assertThrows(RpcException.class, () -> fairness.connect(1001));
        assertLimit("connections_per_user", 3, refused);
        assertEquals("uid 1001 already holds 3 connections, the most one user may; close some (limit"
                + " connections_per_user = 3, set in [limits] of " + CONFIG + ")", refused.getMessage());
        fairness.connect(1002).close();
        alice.getFirst().close();
        alice.getFirst().close();
        fairness.connect(1001);
        assertThrows(RpcException.class, () -> fairness.connect(1001), "closing twice released once");
    }

    @Test
    void ordinaryUsersTogetherLeaveTheReserveToRootAndSystemUsers() throws Exception {
        Fairness fairness = fairness();
        for (int uid = 1001; uid <= 1006; uid++) {
            fairness.connect(uid);
        }
        assertLimit("reserved_connections", 4, assertThrows(RpcException.class, () -> fairness.connect(1007)));
        fairness.connect(0);
        fairness.connect(0);
        fairness.connect(33);
        fairness.connect(999);
        assertLimit("max_connections", 10, assertThrows(RpcException.class, () -> fairness.connect(0)));
    }

    @Test
    void runsAreCappedPerUserAcrossConnectionsButNotForRoot() throws Exception {
        Fairness fairness = fairness();
        Permit first = fairness.run(1001, Methods.ACTION_EXECUTE);
        fairness.run(1001, Methods.PLAN_CREATE);
        assertLimit("runs_per_user", 2, assertThrows(RpcException.class, () -> fairness.run(1001, Methods.ACTION_EXECUTE)));
        fairness.run(1002, Methods.ACTION_EXECUTE);
        for (int i = 0; i < 50; i++) {
            fairness.run(0, Methods.ACTION_EXECUTE);
        }
        first.close();
        fairness.run(1001, Methods.UNDO_APPLY);
    }

    @Test
    void theAuditBudgetRefusesOnlyTheUserWhoSpentItAndRefillsOverItsWindow() throws Exception {
        Fairness fairness = fairness();
        fairness.recorded(1001, 60_000, true);
        fairness.run(1001, Methods.ACTION_EXECUTE).close();
        fairness.recorded(1001, 10_000, true);
        RpcException refused = assertThrows(RpcException.class, () -> fairness.run(1001, Methods.ACTION_EXECUTE));
        assertLimit("audit_unconfirmed_bytes", 65536, refused);
        // 4464 bytes short at 65536 bytes per hour: 245.2 s, rounded up
        assertEquals(246, refused.error().data().get("retry_after_s").asLong());
        assertLimit("audit_unconfirmed_bytes", 65536, assertThrows(RpcException.class,
                () -> fairness.checkAudited(1001, Methods.LEASE_GRANT)));
        fairness.run(1001, Methods.PLAN_CREATE).close();
        fairness.checkAudited(1001, Methods.POLICY_CHECK);
        fairness.run(1002, Methods.ACTION_EXECUTE).close();
        fairness.recorded(0, 1L << 40, true);
        fairness.run(0, Methods.ACTION_EXECUTE).close();
        now[0] = now[0].plusSeconds(246);
        fairness.run(1001, Methods.ACTION_EXECUTE).close();
        now[0] = now[0].plus(Duration.ofHours(2));
        assertEquals(65536, fairness.usage(1001).auditUnconfirmedBytes().remaining());
    }

    @Test
    void requestsThatRanHaveTheirOwnLargerBudget() throws Exception {
        Fairness fairness = fairness();
        for (int i = 0; i < 5; i++) {
            fairness.recorded(1001, 60_000, false);
        }
        assertLimit("audit_bytes", 262144, assertThrows(RpcException.class,
                () -> fairness.run(1001, Methods.ACTION_EXECUTE)));
        assertEquals(65536, fairness.usage(1001).auditUnconfirmedBytes().remaining(),
                "records of requests that ran do not spend the smaller budget");
        fairness.run(1002, Methods.ACTION_EXECUTE).close();
    }
}
