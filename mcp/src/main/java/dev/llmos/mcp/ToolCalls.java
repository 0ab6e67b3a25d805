package dev.llmos.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.protocol.ErrorCodes;
import dev.llmos.protocol.Json;
import dev.llmos.protocol.MethodParams;
import dev.llmos.protocol.Methods;
import dev.llmos.protocol.RpcException;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * a tool call: the action goes to llm-osd as {@code action.execute} over this process's own
 * connection, so validation, policy, confirmation, audit and undo are exactly those of llmsh. an
 * "ask" is put to the person through elicitation when the client can, and otherwise comes back
 * as a tool error with the preview and the llmsh command to run. progress is relayed, and a
 * client's cancellation cancels the daemon call.
 */
final class ToolCalls {
    private final DaemonLink link;
    private final Catalog catalog;
    private final InFlight inFlight;
    private final List<String> llmsh;
    private McpSyncServer server;

    /**
     * @param llmsh how a person runs llmsh against the same daemon (e.g. {@code llmsh --socket PATH})
     */
    ToolCalls(DaemonLink link, Catalog catalog, InFlight inFlight, List<String> llmsh) {
        this.link = link;
        this.catalog = catalog;
        this.inFlight = inFlight;
        this.llmsh = List.copyOf(llmsh);
    }

    McpServerFeatures.SyncToolSpecification specification(McpSchema.Tool tool) {
        return McpServerFeatures.SyncToolSpecification.builder().tool(tool).callHandler(this::call).build();
    }

    /** the server whose tools follow the catalog. */
    void attach(McpSyncServer server) {
        this.server = server;
    }

    McpSchema.CallToolResult call(McpSyncServerExchange exchange, McpSchema.CallToolRequest request) {
        try {
            follow(exchange);
        } catch (RpcException | IOException e) {
            return unreachable(exchange, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ToolResults.error("interrupted");
        }
        String action = catalog.names().action(request.name());
        if (action == null) {
            return ToolResults.error("no llm-os action is called " + request.name() + " (any more); list the tools again");
        }
        Map<String, Object> meta = request.meta() == null ? Map.of() : request.meta();
        Object key = meta.get(InFlight.META_KEY);
        ObjectNode params = request.arguments() == null ? Json.MAPPER.createObjectNode()
                : Json.MAPPER.valueToTree(request.arguments());
        MethodParams.Execute execute = new MethodParams.Execute(action, params, null, null);
        Attempt attempt = new Attempt(exchange, action, key instanceof String text ? text : null,
                new ProgressRelay(action, meta.get("progressToken"), exchange));
        Logs.send(exchange, McpSchema.LoggingLevel.DEBUG, "calling " + action + " " + Logs.cut(Json.toString(params)));
        try {
            return ToolResults.success(attempt.run(execute));
        } catch (RpcException e) {
            if (e.error().code() == ErrorCodes.CONFIRMATION_REQUIRED) {
                return confirm(attempt, execute, Confirmation.of(action, params, e.error()));
            }
            return refused(exchange, action, e);
        } catch (IOException e) {
            return unreachable(exchange, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ToolResults.error("interrupted");
        }
    }

    /** replaces the tools when the daemon's catalog changed since the last contact. */
    private void follow(McpSyncServerExchange exchange) throws RpcException, IOException, InterruptedException {
        Catalog.Change change = catalog.refresh();
        if (change == null) {
            return;
        }
        change.removed().forEach(server::removeTool);
        change.added().forEach(tool -> server.addTool(specification(tool)));
        Logs.send(exchange, McpSchema.LoggingLevel.NOTICE, "the llm-os catalog changed (version " + change.version()
                + "): " + change.added().size() + " tools new or changed, " + change.removed().size() + " gone or changed");
    }

    private McpSchema.CallToolResult confirm(Attempt attempt, MethodParams.Execute execute, Confirmation confirmation) {
        McpSyncServerExchange exchange = attempt.exchange;
        Logs.send(exchange, McpSchema.LoggingLevel.NOTICE, confirmation.action() + ": policy asks (" + confirmation.reason() + ")");
        if (!canElicit(exchange.getClientCapabilities())) {
            return confirmation.needsPerson(llmsh);
        }
        McpSchema.ElicitResult answer;
        try {
            answer = exchange.createElicitation(confirmation.elicitation());
        } catch (RuntimeException e) {
            // the client failed to ask, or nobody answered in time: not a yes
            Logs.send(exchange, McpSchema.LoggingLevel.WARNING, "asking the person failed: " + e.getMessage());
            answer = null;
        }
        if (!Confirmation.confirmed(answer)) {
            return confirmation.declined(answer);
        }
        try {
            return ToolResults.success(attempt.run(new MethodParams.Execute(execute.action(), execute.params(), null,
                    confirmation.token())));
        } catch (RpcException e) {
            return refused(exchange, confirmation.action(), e);
        } catch (IOException e) {
            return unreachable(exchange, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ToolResults.error("interrupted");
        }
    }

    /** form elicitation: declared as {@code elicitation: {}} (form implied) or with {@code form}. */
    static boolean canElicit(McpSchema.ClientCapabilities capabilities) {
        McpSchema.ClientCapabilities.Elicitation elicitation = capabilities == null ? null : capabilities.elicitation();
        return elicitation != null && (elicitation.form() != null || elicitation.url() == null);
    }

    private static McpSchema.CallToolResult refused(McpSyncServerExchange exchange, String action, RpcException e) {
        McpSchema.LoggingLevel level = e.error().code() == ErrorCodes.DENIED ? McpSchema.LoggingLevel.WARNING
                : McpSchema.LoggingLevel.ERROR;
        Logs.send(exchange, level, ToolResults.about(action, e.getMessage()));
        return ToolResults.daemonError(action, e.error());
    }

    private static McpSchema.CallToolResult unreachable(McpSyncServerExchange exchange, Exception e) {
        String message = e instanceof RpcException rpc ? rpc.getMessage() : "llm-osd is unreachable: " + e.getMessage();
        Logs.send(exchange, McpSchema.LoggingLevel.ERROR, message);
        return ToolResults.error(message + "; nothing was run");
    }

    /** one call's daemon requests, cancellable through the key the inbound tap gave it. */
    private final class Attempt {
        private final McpSyncServerExchange exchange;
        private final String action;
        private final String key;
        private final ProgressRelay progress;

        Attempt(McpSyncServerExchange exchange, String action, String key, ProgressRelay progress) {
            this.exchange = exchange;
            this.action = action;
            this.key = key;
            this.progress = progress;
        }

        JsonNode run(MethodParams.Execute execute) throws RpcException, IOException, InterruptedException {
            DaemonLink.Call call = link.start(Methods.ACTION_EXECUTE, Json.MAPPER.valueToTree(execute), progress);
            try (InFlight.Registration registration = inFlight.register(key, call::cancel)) {
                JsonNode result = call.await();
                Logs.send(exchange, McpSchema.LoggingLevel.DEBUG, action + ": " + result.path("status").asText()
                        + " " + result.path("txid").asText());
                return result;
            }
        }
    }
}
