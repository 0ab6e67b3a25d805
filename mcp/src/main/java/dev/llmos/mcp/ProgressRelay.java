package dev.llmos.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.function.Consumer;

/**
 * passes the daemon's progress for one call on to the mcp client: as progress notifications
 * when the client sent a progress token, and as info log messages (which the client filters with
 * {@code logging/setLevel}).
 */
final class ProgressRelay implements Consumer<JsonNode> {
    private final String action;
    private final Object token;
    private final McpSyncServerExchange exchange;
    private double last;

    ProgressRelay(String action, Object token, McpSyncServerExchange exchange) {
        this.action = action;
        this.token = token;
        this.exchange = exchange;
    }

    @Override
    public synchronized void accept(JsonNode params) {
        String message = params.path("message").asText("");
        JsonNode fraction = params.get("fraction");
        last = next(last, fraction);
        if (token != null) {
            Double total = fraction != null && fraction.isNumber() ? 100.0 : null;
            exchange.progressNotification(new McpSchema.ProgressNotification(token, last, total, message));
        }
        Logs.send(exchange, McpSchema.LoggingLevel.INFO, action + ": " + message);
    }

    /**
     * the next progress value: mcp wants it to grow with every notification, so a known fraction
     * becomes a percentage (of a total of 100) and an unknown one the next step.
     */
    static double next(double last, JsonNode fraction) {
        return fraction != null && fraction.isNumber() ? Math.max(fraction.asDouble() * 100, last + 0.01) : last + 1;
    }
}
