package dev.llmos.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Set;

/** a json-rpc 2.0 response: exactly one of result and error; id null only for unreadable requests. */
public record Response(JsonNode id, JsonNode result, RpcError error) {
    private static final Set<String> MEMBERS = Set.of("jsonrpc", "id", "result", "error");

    public Response {
        id = id == null ? NullNode.instance : id;
        if ((result == null) == (error == null)) {
            throw new IllegalArgumentException("a response has exactly one of result and error");
        }
    }

    public static Response success(JsonNode id, JsonNode result) {
        return new Response(id, result, null);
    }

    public static Response failure(JsonNode id, RpcError error) {
        return new Response(id, null, error);
    }

    public boolean isError() {
        return error != null;
    }

    public ObjectNode encode() {
        ObjectNode node = Json.MAPPER.createObjectNode().put("jsonrpc", "2.0");
        node.set("id", id);
        if (error != null) {
            node.set("error", Json.toTree(error));
        } else {
            node.set("result", result);
        }
        return node;
    }

    /** reads a response frame as the client sees it; anything else is a protocol violation. */
    public static Response decode(JsonNode frame) throws RpcException {
        if (!frame.isObject()) {
            throw RpcException.invalidRequest("a response must be a json object");
        }
        for (Iterator<String> names = frame.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!MEMBERS.contains(name)) {
                throw RpcException.invalidRequest("unknown member '" + name + "' in a response");
            }
        }
        JsonNode error = frame.get("error");
        try {
            RpcError decoded = error == null ? null : Json.MAPPER.treeToValue(error, RpcError.class);
            return new Response(frame.get("id"), frame.get("result"), decoded);
        } catch (IllegalArgumentException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw RpcException.invalidRequest("malformed response: " + e.getMessage());
        }
    }
}
