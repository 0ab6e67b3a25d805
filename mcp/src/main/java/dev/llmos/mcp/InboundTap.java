package dev.llmos.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.protocol.Json;

/**
 * looks at every message from the mcp client before the sdk does, for one thing the sdk's server
 * (2.2.0) does not do: cancellation. its tool handlers never learn their json-rpc request id, and
 * it drops {@code notifications/cancelled}. so each {@code tools/call} gets its key (session and
 * request id) written into {@code _meta} (whatever the client put there under that name is
 * replaced), and a cancellation of that request id in that session cancels the call.
 */
final class InboundTap {
    private final InFlight calls;

    InboundTap(InFlight calls) {
        this.calls = calls;
    }

    /** the message to hand on (changed in place); {@code session} scopes request ids. */
    JsonNode apply(JsonNode message, String session) {
        if (message.isArray()) {
            message.forEach(element -> apply(element, session));
        } else if (message instanceof ObjectNode object && object.path("method").isTextual()) {
            switch (object.get("method").asText()) {
                case "tools/call" -> tag(object, session);
                case "notifications/cancelled" -> {
                    JsonNode id = object.path("params").get("requestId");
                    if (id != null) {
                        calls.cancel(key(session, id));
                    }
                }
                default -> {
                    // everything else passes unchanged
                }
            }
        }
        return message;
    }

    private static void tag(ObjectNode request, String session) {
        JsonNode id = request.get("id");
        if (id == null || !(request.get("params") instanceof ObjectNode params)) {
            return;
        }
        JsonNode meta = params.get("_meta");
        if (meta == null || meta.isNull()) {
            meta = params.putObject("_meta");
        }
        if (meta instanceof ObjectNode metaObject) {
            metaObject.put(InFlight.META_KEY, key(session, id));
        }
    }

    /** the key of request {@code id} in {@code session}: "5" and 5 are different ids. */
    static String key(String session, JsonNode id) {
        return session + " " + Json.toString(id);
    }
}
