package dev.llmos.mcp;

import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;

/** log messages to the mcp client; its {@code logging/setLevel} decides which are sent. */
final class Logs {
    /** the logger name of every message this server sends. */
    static final String LOGGER = "llm-os";
    /** the longest text a log message quotes (params may hold a whole file). */
    static final int MAX_QUOTE = 500;

    private Logs() {
    }

    /** {@code text}, cut to {@link #MAX_QUOTE} characters with a mark when longer. */
    static String cut(String text) {
        return text.length() <= MAX_QUOTE ? text : text.substring(0, MAX_QUOTE) + "...(" + text.length() + " characters)";
    }

    static void send(McpSyncServerExchange exchange, McpSchema.LoggingLevel level, String message) {
        exchange.loggingNotification(new McpSchema.LoggingMessageNotification(level, LOGGER, message));
    }
}
