package dev.llmos.mcp;

import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;

/** log messages to the mcp client; its {@code logging/setLevel} decides which are sent. */
final class Logs {
    /** the logger name of every message this server sends. */
    static final String LOGGER = "llm-os";

    private Logs() {
    }

    static void send(McpSyncServerExchange exchange, McpSchema.LoggingLevel level, String message) {
        exchange.loggingNotification(new McpSchema.LoggingMessageNotification(level, LOGGER, message));
    }
}
