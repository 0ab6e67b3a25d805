package dev.llmos.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.protocol.Json;
import dev.llmos.protocol.Methods;
import dev.llmos.protocol.RpcException;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.util.List;

/**
 * read-only resources: the caller's audit tail and undo list, read from the daemon at each read
 * (so they are the caller's own, as llmsh shows them).
 */
final class Resources {
    static final String AUDIT_TAIL = "llmos://audit/tail";
    static final String UNDO_LIST = "llmos://undo/list";
    /** how many audit records the audit resource holds. */
    static final int AUDIT_RECORDS = 50;

    private Resources() {
    }

    static List<McpServerFeatures.SyncResourceSpecification> of(DaemonLink link) {
        return List.of(
                resource(link, McpSchema.Resource.builder(AUDIT_TAIL, "audit-tail")
                        .title("llm-os audit tail")
                        .description("the last " + AUDIT_RECORDS + " audit records of your requests (hash-chained; llmsh audit tail)")
                        .mimeType("application/json").build(),
                        Methods.AUDIT_TAIL, Json.MAPPER.createObjectNode().put("limit", AUDIT_RECORDS)),
                resource(link, McpSchema.Resource.builder(UNDO_LIST, "undo-list")
                        .title("llm-os undo list")
                        .description("your changes that can be undone, newest first (llmsh undo TXID)")
                        .mimeType("application/json").build(),
                        Methods.UNDO_LIST, Json.MAPPER.createObjectNode()));
    }

    private static McpServerFeatures.SyncResourceSpecification resource(DaemonLink link, McpSchema.Resource resource,
            String method, JsonNode params) {
        return new McpServerFeatures.SyncResourceSpecification(resource, (exchange, request) -> {
            try {
                JsonNode result = link.call(method, params);
                String text = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(result);
                return new McpSchema.ReadResourceResult(List.of(
                        new McpSchema.TextResourceContents(resource.uri(), resource.mimeType(), text)));
            } catch (RpcException | JsonProcessingException e) {
                throw McpError.builder(McpSchema.ErrorCodes.INTERNAL_ERROR).message(e.getMessage()).build();
            } catch (IOException e) {
                throw McpError.builder(McpSchema.ErrorCodes.INTERNAL_ERROR)
                        .message("llm-osd is unreachable: " + e.getMessage()).build();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw McpError.builder(McpSchema.ErrorCodes.INTERNAL_ERROR).message("interrupted").build();
            }
        });
    }
}
