package dev.llmos.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Set;

/**
 * a json-rpc 2.0 request or notification (no id). {@link #decode} checks the envelope strictly:
 * exactly the members jsonrpc, method, params and id, each of the right type.
 */
public record Request(JsonNode id, String method, JsonNode params) {
    private static final Set<String> MEMBERS = Set.of("jsonrpc", "id", "method", "params");

    public Request {
        if (method == null || method.isEmpty()) {
            throw new IllegalArgumentException("method is required");
        }
        params = params == null ? JsonNodeFactory.instance.objectNode() : params;
    }

    public boolean isNotification() {
        return id == null;
    }

    /** the id to answer with when decoding fails part-way: the frame's id if it is usable. */
    public static JsonNode salvageId(JsonNode frame) {
        JsonNode id = frame != null && frame.isObject() ? frame.get("id") : null;
        return id != null && (id.isTextual() || id.isIntegralNumber()) ? id : null;
    }

    public static Request decode(JsonNode frame) throws RpcException {
        if (!frame.isObject()) {
            throw RpcException.invalidRequest(frame.isArray()
                    ? "batch requests are not supported: send one json object per line"
                    : "a request must be a json object");
        }
        for (Iterator<String> names = frame.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!MEMBERS.contains(name)) {
                throw invalid("/" + name, "unknown member '" + name + "' in the request envelope");
            }
        }
        JsonNode version = frame.get("jsonrpc");
        if (version == null || !version.isTextual() || !version.asText().equals("2.0")) {
            throw invalid("/jsonrpc", "jsonrpc must be the string \"2.0\"");
        }
        JsonNode id = frame.get("id");
        if (id != null && !(id.isTextual() || id.isIntegralNumber())) {
            throw invalid("/id", "id must be a string or an integer");
        }
        JsonNode method = frame.get("method");
        if (method == null || !method.isTextual() || method.asText().isEmpty()) {
            throw invalid("/method", "method must be a non-empty string");
        }
        JsonNode params = frame.get("params");
        if (params != null && !params.isObject()) {
            throw invalid("/params", "params must be a json object");
        }
        return new Request(id, method.asText(), params);
    }

    private static RpcException invalid(String pointer, String message) {
        ObjectNode data = Json.MAPPER.createObjectNode().put("pointer", pointer);
        return RpcException.of(ErrorCodes.INVALID_REQUEST, message, data);
    }

    public ObjectNode encode() {
        ObjectNode node = Json.MAPPER.createObjectNode().put("jsonrpc", "2.0");
        if (id != null) {
            node.set("id", id);
        }
        node.put("method", method);
        if (params != null) {
            // "params": null would be refused by decode: absent is how a request says it has none
            node.set("params", params);
        }
        return node;
    }
}
