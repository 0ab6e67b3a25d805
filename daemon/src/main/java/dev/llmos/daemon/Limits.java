package dev.llmos.daemon;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.protocol.ErrorCodes;
import dev.llmos.protocol.Json;
import dev.llmos.protocol.RpcException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * the daemon's per-user fairness limits, the {@code [limits]} table of its configuration file
 * (docs/limits.md). every limit, when hit, is a -32000 error whose message and {@code data} name
 * the limit, its value and the file to change it in.
 *
 * @param maxConnections connections served at once, all callers together
 * @param connectionsPerUser connections one uid other than root may hold at once
 * @param reservedConnections connections only root and system users (uid at most
 *     {@code systemUidMax}) may take: other users together get at most {@code maxConnections} minus this
 * @param systemUidMax the highest uid of a system user (login.defs {@code SYS_UID_MAX})
 * @param requestsPerConnection long requests running at once on one connection
 * @param runsPerUser long requests (actions, plans, undos, planning) one uid other than root runs at
 *     once, across all its connections
 * @param tokensPerUser confirmation tokens one uid may have pending; issuing one more drops that
 *     uid's oldest, never another user's
 * @param readTimeout a connection with nothing running and no frame for this long is closed
 * @param auditParamsMaxBytes params whose recorded json is longer are recorded as their size and
 *     sha-256
 * @param auditBytes audit bytes one uid other than root may add per window with any requests;
 *     past it, its audited requests are refused until the budget refills (so no user can push the
 *     others' records out of retention quickly)
 * @param auditUnconfirmedBytes the same for requests that change nothing (denied, unconfirmed,
 *     dry runs), a much smaller share
 * @param auditWindow the window over which both budgets refill
 * @param source the configuration file these came from (it may not exist), named in errors
 */
record Limits(int maxConnections, int connectionsPerUser, int reservedConnections, int systemUidMax,
        int requestsPerConnection, int runsPerUser, int tokensPerUser, Duration readTimeout, int auditParamsMaxBytes,
        long auditBytes, long auditUnconfirmedBytes, Duration auditWindow, Path source) {
    /** the defaults, documented in docs/limits.md and the shipped example configuration. */
    static Limits defaults(Path source) {
        return new Limits(256, 64, 32, 999, 16, 8, 64, Duration.ofSeconds(300), 4096, 64L << 20, 1L << 20,
                Duration.ofHours(1), source);
    }

    Limits {
        require(maxConnections >= 2, "max_connections is at least 2");
        require(connectionsPerUser >= 1, "connections_per_user is at least 1");
        require(reservedConnections >= 1 && reservedConnections < maxConnections,
                "reserved_connections is at least 1 and below max_connections");
        require(systemUidMax >= 0, "system_uid_max is at least 0");
        require(requestsPerConnection >= 1, "requests_per_connection is at least 1");
        require(runsPerUser >= 1, "runs_per_user is at least 1");
        require(tokensPerUser >= 1, "tokens_per_user is at least 1");
        require(readTimeout.toSeconds() >= 1, "read_timeout_s is at least 1");
        require(auditParamsMaxBytes >= 256, "audit_params_max_bytes is at least 256");
        require(auditUnconfirmedBytes >= 65536, "audit_unconfirmed_bytes is at least 65536");
        require(auditBytes >= auditUnconfirmedBytes, "audit_bytes is at least audit_unconfirmed_bytes");
        require(auditWindow.toSeconds() >= 1, "audit_window_s is at least 1");
    }

    private static void require(boolean ok, String rule) {
        if (!ok) {
            throw new IllegalArgumentException("[limits] " + rule);
        }
    }

    /** whether {@code uid} is root or a system user, for whom {@link #reservedConnections} are kept. */
    boolean isSystem(int uid) {
        return uid <= systemUidMax;
    }

    /**
     * the -32000 error for a limit that was hit.
     *
     * @param key the limit's key in {@code [limits]}
     * @param value its value in force
     * @param why what happened, for people; the key, value and file are appended
     */
    RpcException exceeded(String key, long value, String why) {
        return exceeded(key, value, why, 0);
    }

    /** as {@link #exceeded(String, long, String)}, with when to try again ({@code data.retry_after_s}). */
    RpcException exceeded(String key, long value, String why, long retryAfterSeconds) {
        ObjectNode data = Json.MAPPER.createObjectNode().put("limit", key).put("value", value)
                .put("config", source.toString());
        if (retryAfterSeconds > 0) {
            data.put("retry_after_s", retryAfterSeconds);
        }
        return RpcException.of(ErrorCodes.BUSY, why + " (limit " + key + " = " + value + ", set in [limits] of "
                + source + ")", data);
    }
}
